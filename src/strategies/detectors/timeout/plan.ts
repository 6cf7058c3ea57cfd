/** silence >= the strategy's timeout releases the connection */
export interface TimeoutPlan {
  readonly kind: "timeout";
}
