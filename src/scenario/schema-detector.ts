// How a strategy's server turns silence into a release: each detector's own
// object, from its folder (src/strategies/detectors/<name>/spec.ts).
export { detectorSchema } from "../strategies/detectors/registry.js";
