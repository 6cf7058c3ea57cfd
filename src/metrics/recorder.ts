// The recorder observes: the model reports what happened and when, and the
// recorder keeps counters, per-bucket series and per-release rows. It knows
// nothing of messages or strategies; summary.ts turns it into a row.
import { DOUBLE_FIELD } from "../kernel/double-field.js";
import type { Detections, Timeseries } from "./types.js";

export class Recorder {
  serverIn = 0;
  serverOut = 0;
  clientTx = 0;
  clientRx = 0;
  reconnects = 0;
  detected = 0;
  falsePositives = 0;
  /** false positives of clients whose path was down (alive but unreachable) */
  falsePositivesUnreachable = 0;
  /** µs that live clients were tracked (the false-positive rate's exposure); 0 from the constructor on, as mistakeSumUs (see double-field.ts) */
  liveTrackedUs = DOUBLE_FIELD;
  mistakeSumUs = DOUBLE_FIELD;
  mistakes = 0;

  /** the change of the tracked count within each bucket (the series is their running sum) */
  private readonly trackedDelta: Float64Array;
  private readonly bucketUs: number;
  private readonly series: Timeseries;
  private readonly trackSinceUs: Float64Array;
  /** first time each client was tracked; NaN if never */
  readonly firstTrackedUs: Float64Array;
  /** time of a false release not yet mended; NaN if none */
  private readonly falseReleaseUs: Float64Array;
  /** 1 for a client released after its crash (a detection) */
  private readonly detectedFlag: Uint8Array;

  private noticeUs = new Float64Array(64);
  private noticed = 0;

  private detCount = 0;
  private detClient = new Int32Array(64);
  private detTUs = new Float64Array(64);
  private detCrashed = new Uint8Array(64);
  private detLatencyUs = new Float64Array(64);

  constructor(clients: number, durationUs: number, bucketUs: number) {
    this.liveTrackedUs = 0;
    this.mistakeSumUs = 0;
    this.bucketUs = bucketUs;
    const buckets = Math.max(1, Math.ceil(durationUs / bucketUs));
    this.series = {
      bucketUs,
      serverIn: new Float64Array(buckets),
      serverOut: new Float64Array(buckets),
      tracked: new Float64Array(buckets),
      releases: new Float64Array(buckets),
      falsePositives: new Float64Array(buckets),
    };
    this.trackedDelta = new Float64Array(buckets);
    this.trackSinceUs = new Float64Array(clients);
    this.firstTrackedUs = new Float64Array(clients).fill(NaN);
    this.falseReleaseUs = new Float64Array(clients).fill(NaN);
    this.detectedFlag = new Uint8Array(clients);
  }

  /** was client i released after its crash? */
  releasedAfterCrash(i: number): boolean {
    return this.detectedFlag[i] === 1;
  }

  private bucket(nowUs: number): number {
    return Math.floor(nowUs / this.bucketUs);
  }

  /** do the two instants fall in the same time-series bucket? */
  sameBucket(aUs: number, bUs: number): boolean {
    return this.bucket(aUs) === this.bucket(bUs);
  }

  messageIn(nowUs: number): void {
    this.serverIn++;
    this.series.serverIn[this.bucket(nowUs)]++;
  }

  messageOut(nowUs: number): void {
    this.serverOut++;
    this.series.serverOut[this.bucket(nowUs)]++;
  }

  /** the server starts tracking client i (it was not tracking it) */
  trackStart(i: number, nowUs: number): void {
    this.trackedDelta[this.bucket(nowUs)]++;
    this.trackSinceUs[i] = nowUs;
    if (Number.isNaN(this.firstTrackedUs[i])) this.firstTrackedUs[i] = nowUs;
    const falseAt = this.falseReleaseUs[i];
    if (!Number.isNaN(falseAt)) {
      this.mistakeSumUs += nowUs - falseAt;
      this.mistakes++;
      this.falseReleaseUs[i] = NaN;
    }
  }

  /** the server releases client i; crashAtUs is its crash time (Infinity if none) */
  released(i: number, nowUs: number, crashAtUs: number, unreachable: boolean): void {
    this.trackedDelta[this.bucket(nowUs)]--;
    this.addLiveTracked(i, nowUs, crashAtUs);
    const b = this.bucket(nowUs);
    this.series.releases[b]++;
    const crashed = crashAtUs <= nowUs;
    if (crashed) {
      this.detected++;
      this.detectedFlag[i] = 1;
    }
    else {
      this.falsePositives++;
      if (unreachable) this.falsePositivesUnreachable++;
      this.series.falsePositives[b]++;
      this.falseReleaseUs[i] = nowUs;
    }
    this.pushDetection(i, nowUs, crashed, crashed ? nowUs - crashAtUs : NaN);
  }

  /** the server forgot client i (a restart): tracking ends without a release */
  forgotten(i: number, nowUs: number, crashAtUs: number): void {
    this.trackedDelta[this.bucket(nowUs)]--;
    this.addLiveTracked(i, nowUs, crashAtUs);
  }

  /** a client noticed, latencyUs after a server restart, that its connection was dead */
  clientNoticed(latencyUs: number): void {
    if (this.noticed === this.noticeUs.length) {
      const grown = new Float64Array(this.noticeUs.length * 2);
      grown.set(this.noticeUs);
      this.noticeUs = grown;
    }
    this.noticeUs[this.noticed++] = latencyUs;
  }

  /** the clients' restart-notice latencies, µs */
  noticeLatenciesUs(): Float64Array {
    return this.noticeUs.slice(0, this.noticed);
  }

  /** closes the books at the end of the run for a client still tracked */
  stillTracked(i: number, endUs: number, crashAtUs: number): void {
    this.addLiveTracked(i, endUs, crashAtUs);
  }

  private addLiveTracked(i: number, nowUs: number, crashAtUs: number): void {
    const until = crashAtUs < nowUs ? crashAtUs : nowUs;
    const since = this.trackSinceUs[i];
    if (until > since) this.liveTrackedUs += until - since;
  }

  private pushDetection(i: number, tUs: number, crashed: boolean, latencyUs: number): void {
    if (this.detCount === this.detClient.length) this.growDetections();
    const k = this.detCount++;
    this.detClient[k] = i;
    this.detTUs[k] = tUs;
    this.detCrashed[k] = crashed ? 1 : 0;
    this.detLatencyUs[k] = latencyUs;
  }

  private growDetections(): void {
    const n = this.detClient.length * 2;
    const c = new Int32Array(n);
    c.set(this.detClient);
    const t = new Float64Array(n);
    t.set(this.detTUs);
    const x = new Uint8Array(n);
    x.set(this.detCrashed);
    const l = new Float64Array(n);
    l.set(this.detLatencyUs);
    this.detClient = c;
    this.detTUs = t;
    this.detCrashed = x;
    this.detLatencyUs = l;
  }

  // The series holds the tracked count at the end of each bucket, the sum of
  // the changes up to it: the same whatever order the clients' changes were
  // recorded in (the exact shortcuts run clients ahead of one another).
  timeseries(): Timeseries {
    const tracked = this.series.tracked;
    let count = 0;
    for (let b = 0; b < tracked.length; b++) tracked[b] = count += this.trackedDelta[b];
    return this.series;
  }

  /**
   * The releases in time order, and at one instant in client order. Releases
   * are recorded as their events run: one client's in time order, but the
   * exact shortcuts change which client's events run first (they run each
   * client ahead of the others, and reorder the events of one instant).
   * Sorting by time and then client (a client's own releases keeping their
   * order) makes the rows a function of what happened alone.
   */
  detections(): Detections {
    const n = this.detCount;
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = k;
    const t = this.detTUs;
    const client = this.detClient;
    order.sort((a, b) => t[a] - t[b] || client[a] - client[b] || a - b);
    const pick = <A extends Int32Array | Float64Array | Uint8Array>(from: A, to: A): A => {
      for (let k = 0; k < n; k++) to[k] = from[order[k]];
      return to;
    };
    return {
      count: n,
      client: pick(client, new Int32Array(n)),
      tUs: pick(t, new Float64Array(n)),
      crashed: pick(this.detCrashed, new Uint8Array(n)),
      latencyUs: pick(this.detLatencyUs, new Float64Array(n)),
    };
  }
}
