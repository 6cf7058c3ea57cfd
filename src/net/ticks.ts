// Linux's clock for TCP's timers: jiffies, HZ ticks a second, and the timer
// wheel that fires them (kernel/time/timer.c). Two things follow, and both
// make every timer a little longer than its nominal value:
//
// - a timeout is kept in whole jiffies, rounded up (usecs_to_jiffies): an
//   RTO of 200.03 ms is 51 jiffies, 204 ms, at HZ = 250;
// - a timer armed now for T jiffies expires at jiffy e = now + T, but the
//   wheel files it in a bucket of its level's granularity and runs it at
//   that bucket's tick, strictly after e (calc_index: ((e >> s) + 1) << s).
//   The level follows T: under 63 jiffies, 1 jiffy (s = 0); under 504, 8
//   jiffies (s = 3); under 4032, 64; under 32256, 512; and so on by eight.
//   At HZ = 250 a 204 ms timer fires 204-208 ms after it was armed, a 408
//   ms one 408-440 ms, a 120 s one up to 2 s late.
//
// The simulator's instant 0 is a tick. hz = 0: no tick at all, every timer
// exactly its value in µs (the rules' closed forms without the clock).

/** the tick rates Linux is built with whose jiffy is a whole number of µs, and 0 for none */
export const TICK_RATES = [0, 100, 250, 1000] as const;
export type TickRate = (typeof TICK_RATES)[number];
/** Debian's, Android's (GKI) and this project's check machine's: CONFIG_HZ = 250 */
export const DEFAULT_HZ: TickRate = 250;

/** the timer wheel: each level 8 times coarser (LVL_CLK_SHIFT 3), level 1 from 63 jiffies ahead (LVL_SIZE - 1), 9 levels (LVL_DEPTH) */
const LEVEL_FACTOR = 8;
const LEVEL_SPAN = 63;
const LEVELS = 9;

export class Ticks {
  /** µs per jiffy (0: no tick) */
  readonly jiffyUs: number;

  constructor(hz: TickRate) {
    this.jiffyUs = hz === 0 ? 0 : 1_000_000 / hz;
  }

  /** a timeout as Linux keeps it: whole jiffies, rounded up (µs) */
  roundUp(us: number): number {
    const j = this.jiffyUs;
    return j === 0 ? us : Math.ceil(us / j) * j;
  }

  /** when a timer armed at nowUs for timeoutUs runs (µs) */
  firesAt(nowUs: number, timeoutUs: number): number {
    const j = this.jiffyUs;
    if (j === 0) return nowUs + timeoutUs;
    const t = Math.ceil(timeoutUs / j);
    const expires = Math.floor(nowUs / j) + t;
    // the wheel's level for a timer t jiffies ahead, and its granularity
    let gran = 1;
    for (let level = 1, start = LEVEL_SPAN; level < LEVELS && t >= start; level++, start *= LEVEL_FACTOR) gran *= LEVEL_FACTOR;
    return (Math.floor(expires / gran) + 1) * gran * j;
  }
}
