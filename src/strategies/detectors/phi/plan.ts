/** phi accrual (Akka): suspect when phi >= threshold; the maths in accrual.ts */
export interface PhiPlan {
  readonly kind: "phi";
  readonly threshold: number;
  /** samples kept per connection */
  readonly window: number;
  readonly minStdDevUs: number;
  readonly acceptablePauseUs: number;
}
