// Every delay law's last step: a delay is a whole number of µs, never
// negative (the kernel schedules integer µs, and a message cannot arrive
// before it is sent).
export function toUs(x: number): number {
  return x > 0 ? Math.round(x) : 0;
}
