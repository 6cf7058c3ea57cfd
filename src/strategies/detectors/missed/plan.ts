/** a connection loses a point per server-wide sweep it was silent through, and is released at zero */
export interface MissedPlan {
  readonly kind: "missed";
  readonly threshold: number;
}
