// Property tests draw their cases from one fixed seed, so a CI run on a clean
// clone is reproducible: a red build always means a change broke something,
// never that a new random draw found an old bug. To explore fresh cases,
// run `FC_SEED=random npm test` (or any number); a failure prints its seed.
import fc from "fast-check";

const setting = process.env.FC_SEED;
if (setting !== "random") {
  fc.configureGlobal({ seed: setting === undefined ? 20_261_125 : Number(setting) });
}
