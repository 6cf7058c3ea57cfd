// The entries of one calendar bucket, staged in insertion order and then
// sorted by (time, phase), ties in insertion order (the kernel's tie rule).
// Usually the sort key (time within the bucket, phase bits) and the staging
// index fit one int32 together; the index as the low bits keeps ties in
// insertion order, and then gathers the entries. A few dozen packed keys
// are insertion-sorted; more are dealt into slots by their top bits and
// insertion-sorted within them (a bucket's times are spread evenly, so a
// few moves per key), and a burst at one instant goes to the engine's
// native sort. Huge buckets whose key and index do not fit 31 bits use a
// stable LSD radix sort, and tiny ones a plain insertion sort.
import { grown } from "./grown.js";
import { PHASE_BITS } from "./order.js";

const PHASES = 2 ** PHASE_BITS;

const DIGIT_BITS = 8;
const RADIX = 1 << DIGIT_BITS;
const SMALL = 8;
const PACKED_SMALL = 48;
// the spread sort deals keys into at most 2^SPREAD_BITS slots, and gives a
// run up to the native sort when a slot gets more than SPREAD_MAX_PER_SLOT
const SPREAD_BITS = 12;
const SPREAD_MAX_PER_SLOT = 24;

export class RunBuffer {
  time = new Float64Array(256);
  phase = new Uint8Array(256);
  payload = new Int32Array(256);
  data = new Int32Array(256);
  pos = 0;
  len = 0;

  // staging area and radix scratch, swapped with the run by the sort
  private sTime = new Float64Array(256);
  private sPhase = new Uint8Array(256);
  private sPayload = new Int32Array(256);
  private sData = new Int32Array(256);
  private key = new Int32Array(256);
  private sKey = new Int32Array(256);
  private staged = 0;
  private readonly count = new Int32Array(RADIX);
  private readonly slotCount = new Int32Array(1 << SPREAD_BITS);

  clear(): void {
    this.pos = 0;
    this.len = 0;
    this.staged = 0;
  }

  stage(t: number, phase: number, p: number, d: number): void {
    if (this.staged === this.sTime.length) this.grow();
    const k = this.staged++;
    this.sTime[k] = t;
    this.sPhase[k] = phase;
    this.sPayload[k] = p;
    this.sData[k] = d;
  }

  /** sorts the staged entries into the run; times lie in [startUs, startUs + 2^(keyBits - PHASE_BITS)) */
  sortStaged(startUs: number, keyBits: number): void {
    const n = this.staged;
    this.pos = 0;
    this.len = n;
    this.staged = 0;
    if (n <= SMALL) return this.insertionSort(n);
    let indexBits = 0;
    while (1 << indexBits < n) indexBits++;
    if (keyBits + indexBits <= 31) return this.packedSort(n, startUs, indexBits, keyBits + indexBits);
    const key = this.sKey;
    for (let k = 0; k < n; k++) key[k] = (this.sTime[k] - startUs) * PHASES + this.sPhase[k];
    // keys fit 30 bits: buckets are at most 2^(30 - PHASE_BITS) µs wide
    // each pass moves staged -> run; swap back for the next pass
    for (let shift = 0; shift < keyBits; shift += DIGIT_BITS) {
      this.pass(n, shift);
      if (shift + DIGIT_BITS < keyBits) this.swap();
    }
  }

  private packedSort(n: number, startUs: number, indexBits: number, packedBits: number): void {
    const { sTime, sPhase, sPayload, sData, time, phase, payload, data } = this;
    let key = this.key;
    const scale = 2 ** indexBits;
    for (let k = 0; k < n; k++) key[k] = ((sTime[k] - startUs) * PHASES + sPhase[k]) * scale + k;
    if (n <= PACKED_SMALL) {
      // a few dozen keys: insertion sort on the one int32 array beats the native sort's call
      insertionSortKeys(key, n);
    } else if (this.spreadSort(n, packedBits)) {
      key = this.key;
    } else {
      key.subarray(0, n).sort();
    }
    const mask = scale - 1;
    for (let k = 0; k < n; k++) {
      const from = key[k] & mask;
      time[k] = sTime[from];
      phase[k] = sPhase[from];
      payload[k] = sPayload[from];
      data[k] = sData[from];
    }
  }

  /**
   * Sorts the packed keys (distinct, below 2^packedBits) by dealing them
   * into about n slots by their top bits, one counting pass, and finishing
   * with an insertion sort that only orders keys sharing a slot. A bucket's
   * times are spread over its width, so that is a few moves per key, where
   * the native sort pays n log n compares and a runtime call (it was an
   * eighth of a server-ping run). The result replaces `key`. Returns false,
   * keys untouched, when one slot holds too many (a burst at one instant):
   * the native sort takes those.
   */
  private spreadSort(n: number, packedBits: number): boolean {
    let slotBits = 1;
    while (1 << slotBits < n && slotBits < SPREAD_BITS) slotBits++;
    const shift = Math.max(0, packedBits - slotBits);
    const slots = 1 << (packedBits - shift);
    const count = this.slotCount;
    count.fill(0, 0, slots);
    const key = this.key;
    for (let k = 0; k < n; k++) {
      if (++count[key[k] >>> shift] > SPREAD_MAX_PER_SLOT) return false;
    }
    startsFromCounts(count, slots);
    const out = this.sKey;
    for (let k = 0; k < n; k++) out[count[key[k] >>> shift]++] = key[k];
    insertionSortKeys(out, n);
    this.sKey = key;
    this.key = out;
    return true;
  }

  private pass(n: number, shift: number): void {
    const count = this.count;
    count.fill(0);
    const sKey = this.sKey;
    for (let k = 0; k < n; k++) count[(sKey[k] >>> shift) & (RADIX - 1)]++;
    startsFromCounts(count, RADIX);
    const key = this.key;
    for (let k = 0; k < n; k++) {
      const to = count[(sKey[k] >>> shift) & (RADIX - 1)]++;
      key[to] = sKey[k];
      this.time[to] = this.sTime[k];
      this.phase[to] = this.sPhase[k];
      this.payload[to] = this.sPayload[k];
      this.data[to] = this.sData[k];
    }
  }

  /** the sorted arrays become the source of the next pass */
  private swap(): void {
    [this.time, this.sTime] = [this.sTime, this.time];
    [this.phase, this.sPhase] = [this.sPhase, this.phase];
    [this.payload, this.sPayload] = [this.sPayload, this.payload];
    [this.data, this.sData] = [this.sData, this.data];
    [this.key, this.sKey] = [this.sKey, this.key];
  }

  private insertionSort(n: number): void {
    const { sTime, sPhase, sPayload, sData, time, phase, payload, data } = this;
    for (let a = 0; a < n; a++) {
      const t = sTime[a];
      const l = sPhase[a];
      let j = a;
      while (j > 0 && (time[j - 1] > t || (time[j - 1] === t && phase[j - 1] > l))) {
        time[j] = time[j - 1];
        phase[j] = phase[j - 1];
        payload[j] = payload[j - 1];
        data[j] = data[j - 1];
        j--;
      }
      time[j] = t;
      phase[j] = l;
      payload[j] = sPayload[a];
      data[j] = sData[a];
    }
  }

  private grow(): void {
    const size = this.sTime.length * 2;
    this.sTime = grown(this.sTime, size);
    this.sPhase = grown(this.sPhase, size);
    this.sPayload = grown(this.sPayload, size);
    this.sData = grown(this.sData, size);
    // keys and the run are rebuilt from the staging area by the sort: no need to keep them
    this.sKey = new Int32Array(size);
    this.key = new Int32Array(size);
    this.time = new Float64Array(size);
    this.phase = new Uint8Array(size);
    this.payload = new Int32Array(size);
    this.data = new Int32Array(size);
  }
}

/** turns the first n counts into where each slot's run starts (an exclusive prefix sum), in place */
function startsFromCounts(count: Int32Array, n: number): void {
  let sum = 0;
  for (let r = 0; r < n; r++) {
    const c = count[r];
    count[r] = sum;
    sum += c;
  }
}

/** the first n keys in ascending order; a few moves each when they are nearly sorted already */
function insertionSortKeys(key: Int32Array, n: number): void {
  for (let a = 1; a < n; a++) {
    const v = key[a];
    let j = a;
    while (j > 0 && key[j - 1] > v) {
      key[j] = key[j - 1];
      j--;
    }
    key[j] = v;
  }
}
