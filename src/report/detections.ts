// detections.csv read back for the latency CDFs: millions of rows (5 million
// for a million phones over a day), so it is streamed in chunks and scanned
// byte by byte, keeping only what a chart needs: each crashed release's
// latency, in whole microseconds (the file's 6 decimals, read as an integer:
// exact, so percentiles match summary.csv's to the digit), and per run the
// count of releases of each kind, which must agree with summary.csv. Every
// row is checked as it passes; csv-parse at 3 us a row would take 15 s here.
import { closeSync, openSync, readSync } from "node:fs";
import { UserError } from "../errors.js";
import { grown } from "../kernel/grown.js";
import { DETECTION_COLUMNS } from "../metrics/columns.js";
import { AGAIN } from "./csv-file.js";

export interface DetectionsScope {
  /** the strategies summary.csv has, in its order */
  readonly strategies: readonly string[];
  readonly replications: number;
  readonly clients: number;
  readonly durationUs: number;
}

export interface DetectionsScan {
  /** per strategy (scope order): crashed releases' latencies in µs, pooled over replications, unsorted */
  readonly latenciesUs: readonly Float64Array[];
  /** [strategy][replication]: releases of crashed clients */
  readonly crashed: readonly number[][];
  /** [strategy][replication]: releases of live clients */
  readonly live: readonly number[][];
}

const CHUNK = 8 << 20;
const COMMA = 0x2c;
const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const DOT = 0x2e;
const ZERO = 0x30;
const HEADER = DETECTION_COLUMNS.join(",");

class Growing {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.data.length * 2);
    this.data[this.length++] = x;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export function scanDetections(path: string, scope: DetectionsScope): DetectionsScan {
  const latencies = scope.strategies.map(() => new Growing());
  const crashed = scope.strategies.map(() => new Array<number>(scope.replications).fill(0));
  const live = scope.strategies.map(() => new Array<number>(scope.replications).fill(0));
  const index = new Map(scope.strategies.map((s, k) => [s, k]));

  let line = 0;
  const fail = (problem: string): never => {
    throw new UserError(`${path} line ${line}: ${problem}; ${AGAIN}`);
  };
  // the strategy cell of the line before, as bytes, and its index: rows come grouped by run
  let lastCell = Buffer.alloc(0);
  let lastStrategy = -1;

  const row = (b: Buffer, start: number, end: number): void => {
    let p = start;
    // the strategy: quoted by the writer when it holds a comma, a quote or a line break
    let strategy: number;
    const cellStart = p;
    if (b[p] === QUOTE) {
      p++;
      while (p < end && !(b[p] === QUOTE && b[p + 1] !== QUOTE)) p += b[p] === QUOTE ? 2 : 1;
      if (p >= end) fail("an unterminated quoted strategy name");
      p++;
    } else {
      while (p < end && b[p] !== COMMA) p++;
    }
    if (b[p] !== COMMA) fail(`expected ${DETECTION_COLUMNS.length} cells`);
    if (p - cellStart === lastCell.length && b.compare(lastCell, 0, lastCell.length, cellStart, p) === 0) {
      strategy = lastStrategy;
    } else {
      let name = b.toString("utf8", cellStart, p);
      if (name.startsWith('"')) name = name.slice(1, -1).replaceAll('""', '"');
      const k = index.get(name);
      if (k === undefined) fail(`strategy ${JSON.stringify(name)} is not in summary.csv`);
      strategy = k as number;
      lastCell = Buffer.from(b.subarray(cellStart, p));
      lastStrategy = strategy;
    }
    p++;
    // replication, client: whole numbers, each followed by a comma
    const rep = whole(b, p, end);
    if (rep < 0) fail("the replication is not a whole number");
    if (b[wholeEnd] !== COMMA) fail(`expected ${DETECTION_COLUMNS.length} cells`);
    if (rep >= scope.replications) fail(`replication ${rep}, but summary.csv has ${scope.replications}`);
    const client = whole(b, wholeEnd + 1, end);
    if (client < 0) fail("the client is not a whole number");
    if (b[wholeEnd] !== COMMA) fail(`expected ${DETECTION_COLUMNS.length} cells`);
    if (client >= scope.clients) fail(`client ${client}, but the run had ${scope.clients}`);
    p = wholeEnd + 1;
    const tStart = p;
    const t = micros(b, p, end);
    if (t < 0) fail("t_s is not a number of seconds");
    p = microsEnd;
    if (t > scope.durationUs) fail(`t_s ${b.toString("latin1", tStart, p)} is after the run's end`);
    if (b[p] !== COMMA) fail(`expected ${DETECTION_COLUMNS.length} cells`);
    p++;
    let isCrashed: boolean;
    if (end - p >= 5 && b[p] === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65 && b[p + 4] === COMMA) {
      isCrashed = true;
      p += 5;
    } else if (end - p >= 6 && b[p] === 0x66 && b.toString("latin1", p, p + 6) === "false,") {
      isCrashed = false;
      p += 6;
    } else {
      return fail("crashed is neither true nor false");
    }
    if (isCrashed) {
      const latency = micros(b, p, end);
      if (latency < 0 || microsEnd !== end) fail("a crashed client's latency_s is not a number of seconds");
      if (latency > t) fail("latency_s is longer than the time of the release");
      latencies[strategy].push(latency);
      crashed[strategy][rep]++;
    } else {
      if (p !== end) fail("a live client's release has a latency_s");
      live[strategy][rep]++;
    }
  };

  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let kept = 0;
    let eof = false;
    let headerSeen = false;
    while (!eof) {
      const got = readSync(fd, buf, kept, CHUNK - kept, null);
      eof = got === 0;
      const filled = kept + got;
      let start = 0;
      for (let p = buf.indexOf(NL, 0); p >= 0 && p < filled; p = buf.indexOf(NL, start)) {
        line++;
        const end = p > start && buf[p - 1] === CR ? p - 1 : p;
        if (!headerSeen) {
          const head = buf.toString("utf8", start, end).replace(/^\uFEFF/, "");
          if (head !== HEADER) throw new UserError(`${path}: the header should be "${HEADER}", found "${head.slice(0, 80)}"; ${AGAIN}`);
          headerSeen = true;
        } else {
          row(buf, start, end);
        }
        start = p + 1;
      }
      if (eof) {
        if (filled > 0) {
          line++;
          throw new UserError(`${path} ends in the middle of line ${line}: a half-written or cut file; make it again`);
        }
        break;
      }
      if (start === 0 && filled === CHUNK) throw new UserError(`${path} line ${line + 1} is longer than ${CHUNK} bytes; ${AGAIN}`);
      buf.copy(buf, 0, start, filled);
      kept = filled - start;
    }
    if (!headerSeen) throw new UserError(`${path} is empty: a half-written results folder? make it again`);
  } finally {
    closeSync(fd);
  }
  return { latenciesUs: latencies.map((l) => l.done()), crashed, live };
}

/** where the last whole() stopped */
let wholeEnd = 0;

/** digits up to a comma or the line's end, as a number; -1 when there are none or another character. Sets wholeEnd. */
function whole(b: Buffer, p: number, end: number): number {
  const start = p;
  let value = 0;
  for (; p < end && b[p] !== COMMA; p++) {
    const d = b[p] - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  wholeEnd = p;
  return p === start ? -1 : value;
}

/** where the last micros() stopped */
let microsEnd = 0;

/** seconds with up to 6 decimals, as whole µs; -1 when not such a number. Sets microsEnd. */
function micros(b: Buffer, p: number, end: number): number {
  let whole = 0;
  const start = p;
  while (p < end && b[p] >= ZERO && b[p] <= ZERO + 9) whole = whole * 10 + (b[p++] - ZERO);
  if (p === start) return -1;
  let frac = 0;
  let digits = 0;
  if (b[p] === DOT) {
    p++;
    while (p < end && b[p] >= ZERO && b[p] <= ZERO + 9 && digits < 6) {
      frac = frac * 10 + (b[p++] - ZERO);
      digits++;
    }
    if (digits === 0 || (p < end && b[p] >= ZERO && b[p] <= ZERO + 9)) return -1;
  }
  microsEnd = p;
  for (; digits < 6; digits++) frac *= 10;
  return whole * 1e6 + frac;
}
