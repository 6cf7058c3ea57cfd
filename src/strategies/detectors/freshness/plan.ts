/** Chen-Toueg-Aguilera NFD-S: heartbeat i, sent at sigma_i, is expected by sigma_i + deltaUs */
export interface FreshnessPlan {
  readonly kind: "freshness";
  readonly deltaUs: number;
}
