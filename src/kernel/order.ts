// The kernel's event order within an instant: by phase, then insertion
// order. Normal events are phase 0; "late" events run after every normal
// event of their instant, in phases 1 to MAX_PHASE of their own. An order
// key is phase * PHASE + the insertion sequence; sequences stay far below
// PHASE, and the largest key below 2^53, so keys are exact doubles.
export const PHASE = 2 ** 51;
export const MAX_PHASE = 3;
/** bits a phase takes in a calendar bucket's sort key */
export const PHASE_BITS = 2;

export function phaseOf(order: number): number {
  return Math.floor(order / PHASE);
}
