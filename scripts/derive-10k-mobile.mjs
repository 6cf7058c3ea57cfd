// The expected values of scenarios/10k-mobile.json that depend on TCP's
// retransmission instants, derived from the rules of the Linux model
// (docs/model.md), not from a run of the simulator: `node
// scripts/derive-10k-mobile.mjs` prints them with their ingredients.
// docs/regression-tests.md gives the derivations in words.
//
// Under the Linux model a segment's transmissions go at T_0 = 0, T_1 = PTO
// (the tail loss probe), T_k = T_1 + (2^(k-1) - 1) R (the RTO R armed from
// the probe, then doubling), each gap through the kernel's timer wheel
// (HZ 250), where R = SRTT + RTTVAR and PTO = min(2 SRTT + rto_min, R) are
// the sender's state from its earlier RTT samples. Every sample here is a
// round trip (each message is answered at once, or ACKed at once after a
// pause longer than the RTO), RTT = up + down, the two log-normal delays.
// The only numerical step: the distribution of (SRTT, R) at a random
// instant is that of Linux's estimator fed independent RTTs, obtained by
// iterating its recursion (written out below from tcp_rtt_estimator, not
// imported from the simulator) on sampled RTTs; every expectation is then
// an average of a closed form over that distribution.
import seedrandom from "seedrandom";

const rng = seedrandom("derive-10k-mobile");
const MS = 1000;
const S = 1_000_000;

// ---- the scenario's figures
const N = 10_000;
const ALIVE = 0.975; // 5% crash uniformly in minutes 10-50: 2.5% of the phone-hours dead
const m = 20; // mean outage, s
const OUTAGES_PER_HOUR = 3600 / (1800 + 20);
const PI = 20 / 1820; // share of time down
const LAMBDA = 1 / 300; // requests per second
const P_UP = 0.01 / (0.01 + 0.3) * 0.4 + 0.3 / (0.01 + 0.3) * 0.002; // Gilbert-Elliott long-run loss up
const P_DOWN = 0.01;
const RTO_MIN = 200 * MS;
const RTO_MAX = 120 * S;
const JIFFY = 4 * MS; // HZ 250
const Z99 = 2.3263478740408408;
const lognormal = (medianMs, p99Ms) => ({ mu: Math.log(medianMs / 1000), sigma: Math.log(p99Ms / medianMs) / Z99 });
const UP = lognormal(80, 600);
const DOWN = lognormal(60, 500);

function normal() {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
const delayUs = (law) => Math.round(Math.exp(law.mu + law.sigma * normal()) * S);

// ---- Linux's estimator (net/ipv4/tcp_input.c tcp_rtt_estimator, tcp.h __tcp_set_rto), µs; one segment per window
function estimator() {
  return { srtt8: 0, mdev4: 0, mdevMax: 0, rttvar: 0 };
}
function sample(e, r) {
  if (e.srtt8 === 0) {
    e.srtt8 = 8 * r;
    e.mdev4 = 2 * r;
    e.rttvar = Math.max(e.mdev4, RTO_MIN);
    e.mdevMax = e.rttvar;
    return;
  }
  let err = r - Math.floor(e.srtt8 / 8);
  e.srtt8 += err;
  if (err < 0) {
    err = -err - Math.floor(e.mdev4 / 4);
    if (err > 0) err = Math.floor(err / 8);
  } else {
    err -= Math.floor(e.mdev4 / 4);
  }
  e.mdev4 += err;
  if (e.mdev4 > e.mdevMax) {
    e.mdevMax = e.mdev4;
    if (e.mdevMax > e.rttvar) e.rttvar = e.mdevMax;
  }
  // each sample acknowledges the window's data: the variation decays towards its largest mdev
  if (e.mdevMax < e.rttvar) e.rttvar -= Math.floor((e.rttvar - e.mdevMax) / 4);
  e.mdevMax = RTO_MIN;
  if (e.srtt8 < 1) e.srtt8 = 1;
}
const jiffies = (us) => Math.ceil(us / JIFFY) * JIFFY;
const rtoOf = (e) => jiffies(Math.floor(e.srtt8 / 8) + e.rttvar);
const ptoOf = (e) => Math.min(jiffies(Math.floor(e.srtt8 / 4) + RTO_MIN), rtoOf(e));

// the timer wheel (kernel/time/timer.c calc_index): armed at a for t, runs at the first multiple of 8^level jiffies after a + t
function wheel(a, t) {
  const tj = Math.ceil(t / JIFFY);
  const g = tj < 63 ? 1 : tj < 504 ? 8 : tj < 4032 ? 64 : 512;
  return (Math.floor((Math.floor(a / JIFFY) + tj) / g) + 1) * g * JIFFY;
}
/** the retransmission instants T_1, T_2, ... (s after T_0) of a segment sent at a random instant, up to `until` s */
function instants(e, until) {
  const t0 = Math.floor(rng() * 3600 * S);
  const out = [];
  let at = wheel(t0, ptoOf(e));
  let rto = rtoOf(e);
  for (;;) {
    const t = (at - t0) / S;
    if (t > until) return out;
    out.push(t);
    at = wheel(at, rto);
    rto = Math.min(2 * rto, RTO_MAX);
  }
}

// ---- the estimator's states at random instants: chains of samples, burnt in
const states = [];
for (let chain = 0; chain < 400; chain++) {
  const e = estimator();
  for (let k = 0; k < 300; k++) {
    sample(e, delayUs(UP) + delayUs(DOWN));
    if (k >= 100) states.push({ ...e });
  }
}
const mean = (f) => states.reduce((a, e) => a + f(e), 0) / states.length;

/** the last retransmission instant within `budget` s (0: the first transmission) */
const lastWithin = (e, budget) => {
  const t = instants(e, budget);
  return t.length === 0 ? 0 : t[t.length - 1];
};
/** the first retransmission instant after `budget` s */
const firstAfter = (e, budget) => instants(e, budget + 3600).find((t) => t > budget);

const releasePerOutage = (eta, budget) => mean((e) => (m / eta) * Math.exp(-lastWithin(e, budget) / m) * (1 - Math.exp(-eta / m)));
const perPhoneHour = (perOutage) => perOutage * OUTAGES_PER_HOUR * ALIVE;

// piggyback: sends renew with gaps G = min(Exp(λ), η); the first send in an outage ends a length-biased gap
function piggybackPerOutage(eta, M) {
  const EG = (1 - Math.exp(-LAMBDA * eta)) / LAMBDA;
  return mean((e) => {
    const u = rng();
    const g = Math.min(-Math.log(1 - u) / LAMBDA, eta);
    return (m / EG) * (1 - Math.exp(-g / m)) * Math.exp(-lastWithin(e, M - g) / m);
  });
}

// spurious retransmissions: the ACK lost (it rides on the answer or goes alone), or later than the probe
const spuriousByDelay = mean((e) => {
  const rtt = delayUs(UP) + delayUs(DOWN);
  const t = instants(e, rtt / S);
  return t.length;
});
const outageFactor = mean((e) => 1 + instants(e, 400).reduce((a, t) => a + Math.exp(-t / m), 0));

const srtt = mean((e) => e.srtt8 / 8 / MS);
const rto = mean((e) => rtoOf(e) / MS);
const pto = mean((e) => ptoOf(e) / MS);
console.log(`states ${states.length}: SRTT mean ${srtt.toFixed(0)} ms, RTO ${rto.toFixed(0)} ms, PTO ${pto.toFixed(0)} ms; uplink loss ${P_UP.toFixed(4)}`);
console.log(`a message sent inside an outage: transmitted ${outageFactor.toFixed(2)} times (simple model: 6.38)`);
console.log(`spurious retransmissions per message from late ACKs: ${spuriousByDelay.toFixed(4)}`);

const sio = releasePerOutage(25, 20);
const mqtt = releasePerOutage(60, 30);
const piggy = piggybackPerOutage(60, 90);
console.log(`false releases per phone-hour: socketio ${perPhoneHour(sio).toFixed(3)} (${sio.toFixed(4)}/outage), mqtt ${perPhoneHour(mqtt).toFixed(3)} (${mqtt.toFixed(4)}), piggyback ${perPhoneHour(piggy).toFixed(3)} (${piggy.toFixed(4)})`);

// IM: the NAT forgets the mapping 15 s after a beat (285 s after the one before): a transmission after that resets
const im = releasePerOutage(285, 15);
const imUpper = N * perPhoneHour(im);
const imLower = N * ALIVE * OUTAGES_PER_HOUR * mean((e) => (m / 285) * Math.exp(-lastWithin(e, 15) / m) * (1 - Math.exp(-285 / m)) * Math.exp(-(285 + firstAfter(e, 15)) / 300));
console.log(`IM reconnects through a new mapping: ${imLower.toFixed(0)} to ${imUpper.toFixed(0)}`);

// transmissions per message: lost on its way (one more), its ACK lost (a spurious one: the ACK rides on the
// answer or goes alone, the other way), its ACK later than the probe; and, sent inside an outage, the
// retransmissions until it ends. An answer (a pong, a heartbeat's ACK, a response) is sent when the
// message it answers got through, outside outages.
const answerTx = 1 + P_UP + P_DOWN + spuriousByDelay;
const perMessage = answerTx + PI * (outageFactor - 1);
console.log(`client transmissions per message: ${perMessage.toFixed(4)}`);
// client messages per phone-hour (docs/regression-tests.md): socketio pongs (no outage factor: pongs answer pings that got through) + requests
const pongs = 3600 / 25;
const tx = {
  socketio: pongs * answerTx + 3600 * LAMBDA * perMessage,
  mqtt: (3600 / 60 + 3600 * LAMBDA) * perMessage,
  piggyback: ((3600 * LAMBDA * Math.exp(-LAMBDA * 60)) / (1 - Math.exp(-LAMBDA * 60)) + 3600 * LAMBDA) * perMessage,
  im: (3600 / 285 + 3600 * LAMBDA) * perMessage,
};
const reconnectsPerHour = { socketio: perPhoneHour(sio), mqtt: perPhoneHour(mqtt), piggyback: perPhoneHour(piggy), im: imUpper / N / ALIVE };
for (const [k, v] of Object.entries(tx)) console.log(`client tx per hour, ${k}: ${(ALIVE * (v + reconnectsPerHour[k])).toFixed(1)}`);

// server messages per second: in (each handed on once) + out (every transmission): Socket.IO's pings go on
// the clock, into outages too; everything else the server sends is an answer
const load = (inPerS, pingsPerS) => N * ALIVE * (inPerS + pingsPerS * perMessage + (inPerS - pingsPerS) * answerTx);
const piggyHb = (LAMBDA * Math.exp(-LAMBDA * 60)) / (1 - Math.exp(-LAMBDA * 60));
console.log(
  `server msgs per s: socketio ${load(1 / 25 + LAMBDA, 1 / 25).toFixed(1)}, mqtt ${load(1 / 60 + LAMBDA, 0).toFixed(1)}, ` +
    `piggyback ${load(piggyHb + LAMBDA, 0).toFixed(1)}, im ${load(1 / 285 + LAMBDA, 0).toFixed(1)}`,
);
