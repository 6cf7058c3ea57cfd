// `node scripts/round-floor.mjs [CLIENTS]`: what a heartbeat round over
// Linux's TCP costs when nothing but its own work is done, for the people
// weighing a rework of the realistic path's hot loop (docs/performance.md,
// "How far a rework of the hot loop could go"). Not part of `npm test`, and
// not the model: a throwaway measure kept so that the figure can be made
// again.
//
// It runs 10k-mobile's Socket.IO round (the ping down, the PONG up, the
// pure ACK down) the way LinuxTcpTransport.quietExchange runs it when no
// tail loss probe fires, all of it in one function: the model's own links
// (counter-based streams, the ziggurat, Math.exp, the Gilbert-Elliott
// uplink and the Bernoulli downlink), RTT estimator (saved before the
// first sample and restored when the round is given back), timer wheel and
// LTE radio, with the quick-ACK, timestamp and sequence state, the
// time-series buckets and the outage and mapping checks written out in
// line. Chains of six rounds, one client after another in index order, as
// the run loop sweeps them; a round turned down ends its chain and its
// draws stay spent (the events would spend them). Left out: the probes
// (about 5% of rounds), the deadlines' flags, the detector and the
// recorder's other counters, the path's bookkeeping; so this is a floor.
//
// Reads the compiled model (dist/, `npm run build` first). Prints the time
// per round asked, for each of four passes (the first warms the JIT up).
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const load = (path) => import(pathToFileURL(join(ROOT, "dist", path)).href);
const { Link } = await load("net/link.js");
const { RtoEstimator } = await load("net/rto.js");
const { DEFAULT_HZ, Ticks } = await load("net/ticks.js");
const { RecordStream } = await load("random/uniform-source.js");
const { lognormalDelay } = await load("net/delay/lognormal.js");
const { Radios } = await load("model/components/radio.js");
const { RADIO_PRESETS } = await load("scenario/schema-radio.js");
const { streamKey } = await load("random/keys.js");
const { STREAMS } = await load("model/streams.js");

const N = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(N) || N < 1) {
  process.stderr.write(`round-floor: CLIENTS must be a whole number >= 1, got ${process.argv[2]}\n`);
  process.exit(2);
}
const CHAIN = 6;
const CHAINS = 24; // 144 rounds a client-hour, Socket.IO's 25 s
const INTERVAL_US = 25e6;
const WITHIN_US = 20e6; // the answer detector's bound
const CLIENT_TIMEOUT_US = 45e6;
const NAT_IDLE_US = 300e6;
const BUCKET_US = 10e6;
const RTO_MIN_US = 200_000;
const QUICK_ACKS = 16;

// 10k-mobile's links, each delay law as the plan resolves it (median and p99 in µs), on the streams the
// model keys for them (seed 1, the first replication)
const lognormal = (median, p99) => lognormalDelay.resolve({ dist: "lognormal", median, p99 });
const key = (dir) => streamKey(1, 0, STREAMS[dir].purpose);
const STRIDE = 3; // per client: the uplink's counter, the downlink's, the loss chain's bit
const words = new Float64Array(N * STRIDE);
const up = new Link(
  { delay: lognormal(80_000, 600_000), loss: { model: "gilbert-elliott", pGoodToBad: 0.01, pBadToGood: 0.3, lossGood: 0.002, lossBad: 0.4 } },
  new RecordStream(key("uplink"), words, STRIDE, 0),
  { words, stride: STRIDE, slot: 2, bit: 1 },
);
const down = new Link(
  { delay: lognormal(60_000, 500_000), loss: { model: "bernoulli", p: 0.01 } },
  new RecordStream(key("downlink"), words, STRIDE, 1),
  { words, stride: STRIDE, slot: 2, bit: 2 },
);
const ticks = new Ticks(DEFAULT_HZ);
const rtoMinUs = ticks.roundUp(RTO_MIN_US);
const rto = new RtoEstimator(2 * N, { rtoMinUs, rtoMaxUs: 120e6 }, ticks);
const saved = new Float64Array(7);

// per end (2i: the ping's, 2i + 1: the PONG's) and per client
const seq = new Int32Array(2 * N);
const lastRcvUs = new Float64Array(2 * N);
const tsRecent = new Float64Array(2 * N);
const quick = new Uint8Array(2 * N);
const clientHeard = new Float64Array(N);
const serverHeard = new Float64Array(N);
const natLastUs = new Float64Array(N);
const upSinceUs = new Float64Array(N);
const upUntilUs = new Float64Array(N).fill(Infinity);
let radios = new Radios(N, RADIO_PRESETS.lte);
const serverIn = new Float64Array(CHAIN * CHAINS * 3 + 10);
const serverOut = new Float64Array(serverIn.length);
let quietRounds = 0;

function reset() {
  words.fill(0);
  for (let k = 0; k < 2 * N; k++) rto.reset(k);
  seq.fill(1);
  lastRcvUs.fill(-1);
  tsRecent.fill(-1);
  quick.fill(0);
  radios = new Radios(N, RADIO_PRESETS.lte);
  quietRounds = 0;
}

function probeUs(k) {
  const rtoUs = rto.rtoUs(k);
  const srtt = rto.srttUs(k);
  const pto = srtt === 0 ? rtoUs : ticks.roundUp(Math.floor(2 * srtt) + rtoMinUs);
  return pto < rtoUs ? pto : rtoUs;
}

/** client i's rounds from t0 on, at most n: how many ran */
function chain(i, t0, n) {
  const kf = 2 * i;
  const kb = kf + 1;
  let r = 0;
  for (; r < n; r++, t0 += INTERVAL_US) {
    if (!(t0 >= upSinceUs[i] && t0 < upUntilUs[i]) || t0 - natLastUs[i] >= NAT_IDLE_US) break;
    const d1 = down.transmit(i);
    if (d1 < 0) break;
    const t1 = t0 + d1;
    rto.save(kf, saved);
    const fireF = ticks.firesAt(t0, probeUs(kf));
    if (!(t1 < fireF && t1 <= clientHeard[i] + CLIENT_TIMEOUT_US && t1 <= t0 + WITHIN_US)) break;
    const d2 = up.transmit(i);
    if (d2 < 0) break;
    const t2 = t1 + d2;
    const fireB = ticks.firesAt(t1, probeUs(kb));
    if (!(t2 < fireB && t2 <= t0 + WITHIN_US)) break;
    let quickLeft = quick[kb];
    if (tsRecent[kb] >= 0 && quickLeft > 0) quickLeft--;
    rto.sample(kf, t2 - t0, seq[kf], seq[kf] + 1);
    const pause = lastRcvUs[kb] < 0 || t2 - lastRcvUs[kb] > rto.rtoUs(kf);
    const d3 = pause || quickLeft > 0 ? down.transmit(i) : -1;
    const t3 = t2 + d3;
    if (d3 < 0 || !(t3 < fireB && t3 < t0 + INTERVAL_US)) {
      rto.restore(kf, saved);
      break;
    }
    // the round holds: the two ends' state as the four events leave it
    if (lastRcvUs[kf] < 0 || t1 - lastRcvUs[kf] > rto.rtoUs(kb)) quick[kf] = QUICK_ACKS;
    lastRcvUs[kf] = t1;
    tsRecent[kf] = Math.floor(t0 / 1000);
    seq[kf]++;
    if (quick[kf] > 0) quick[kf]--;
    if (pause) quick[kb] = QUICK_ACKS;
    lastRcvUs[kb] = t2;
    tsRecent[kb] = Math.floor(t1 / 1000);
    seq[kb]++;
    if (quick[kb] > 0) quick[kb]--;
    rto.sample(kb, t3 - t1, seq[kb] - 1, seq[kb]);
    natLastUs[i] = t2;
    serverOut[Math.floor(t0 / BUCKET_US)]++;
    serverIn[Math.floor(t2 / BUCKET_US)]++;
    radios.activity(i, t1);
    radios.activity(i, t3);
    clientHeard[i] = t1;
    serverHeard[i] = t2;
    quietRounds++;
  }
  return r;
}

for (let pass = 1; pass <= 4; pass++) {
  reset();
  const start = process.hrtime.bigint();
  let asked = 0;
  for (let c = 0; c < CHAINS; c++) {
    for (let i = 0; i < N; i++) {
      const t0 = (c * CHAIN * 25 + (i % 25)) * 1e6;
      clientHeard[i] = t0 - 1e6;
      natLastUs[i] = t0 - 1e6;
      const ran = chain(i, t0, CHAIN);
      asked += ran < CHAIN ? ran + 1 : ran;
    }
  }
  const ns = Number(process.hrtime.bigint() - start) / asked;
  console.log(`pass ${pass}: ${ns.toFixed(0)} ns a round asked (${asked} asked, ${quietRounds} quiet, ${N} clients)`);
}
