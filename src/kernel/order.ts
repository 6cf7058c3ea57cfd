// The kernel's event order within an instant: normal events, then "late"
// ones, each in insertion order. An order key is the insertion sequence,
// plus LATE for late events; sequences stay far below LATE.
export const LATE = 2 ** 51;

export function isLate(order: number): boolean {
  return order >= LATE;
}
