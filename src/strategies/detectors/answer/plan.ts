/** every ping must be answered within withinUs of being sent */
export interface AnswerPlan {
  readonly kind: "answer";
  readonly withinUs: number;
}
