// Every delay law's last step: a delay is a whole number of µs, never
// negative (the kernel schedules integer µs, and a message cannot arrive
// before it is sent).
//
// The nearest integer, halves up, as Math.round gives it, but by
// floor(x + 0.5) with its slips put right: below 0.5 the answer is 0
// (x + 0.5 rounds up to 1 for x = 0.5 - 2^-54); above, r - x is exact
// (Sterbenz: x/2 <= r <= 2x) and exceeds 0.5 only where x + 0.5 rounded up
// (odd x in [2^52, 2^53)). In V8 this was about 20 ns cheaper a delay than
// Math.round, and a heartbeat round draws three.
export function toUs(x: number): number {
  if (!(x >= 0.5)) return 0;
  const r = Math.floor(x + 0.5);
  return r - x > 0.5 ? r - 1 : r;
}
