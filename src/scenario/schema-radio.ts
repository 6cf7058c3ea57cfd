// Client radio models: the presets of the research notes (§6) and a custom
// promotion + tail radio. Each preset is reduced to the four numbers the
// radio component uses, so presets and custom radios behave identically.

import * as z from "zod";
import { duration, durationDoc, strict } from "./fields.js";
import type { RadioPlan } from "./plan.js";

/** 3G has two tail states (4 s DCH at 0.93 W, then 10 s FACH at 0.51 W, ARO's HTC Aria profile). */
const UMTS_TAIL_W = (4 * 0.93 + 10 * 0.51) / 14;

export const RADIO_PRESETS: Readonly<Record<"lte" | "3g" | "wifi", RadioPlan>> = {
  // Huang et al. MobiSys 2012 / ARO lte.conf: E per isolated activity = 0.3146 + 12.502 = 12.8 J
  lte: { name: "lte", promotionUs: 260_000, promotionW: 1.21, tailUs: 11_576_000, tailW: 1.08 },
  // one time-averaged tail state: E per isolated activity = 2.0 * 0.465 + 4 * 0.93 + 10 * 0.51 = 9.75 J, as ARO
  "3g": { name: "3g", promotionUs: 2_000_000, promotionW: 0.465, tailUs: 14_000_000, tailW: UMTS_TAIL_W },
  // ARO WiFi.conf: no promotion, 0.25 s tail at 0.403 W, about 0.1 J per activity
  wifi: { name: "wifi", promotionUs: 0, promotionW: 0.403, tailUs: 250_000, tailW: 0.403 },
};

function watts(meaning: string) {
  return z.number({ error: "expected a number of watts >= 0" }).min(0).describe(`${meaning}, in watts (>= 0)`);
}

const customRadioSchema = strict({
  promotion: duration(false).describe(durationDoc("Time to wake the radio from idle (promotion)")),
  promotionW: watts("Power drawn during the promotion"),
  tail: duration(false).describe(durationDoc("Time the radio stays up after the last activity (tail)")),
  tailW: watts("Power drawn during the tail"),
}).describe("A custom radio: one promotion and one tail");

export const radioSchema = z
  .union([z.enum(["none", "lte", "3g", "wifi"]), customRadioSchema], {
    error: (issue) =>
      issue.code === "invalid_union" || issue.code === "invalid_value"
        ? 'expected "none", "lte", "3g", "wifi" or {"promotion", "promotionW", "tail", "tailW"}'
        : undefined,
  })
  .prefault("none")
  .describe(
    "Radio energy model, per client: from idle, any transmission or reception costs a promotion, then the " +
      "radio stays in its tail after the last activity (activity in the tail restarts it without a promotion). " +
      '"none" (default): no energy columns. "lte": promotion 0.26 s at 1.21 W, tail 11.576 s at 1.08 W ' +
      '(12.8 J per isolated heartbeat; Huang et al. 2012, AT&T ARO). "3g": promotion 2 s at 0.465 W, the DCH ' +
      "(4 s at 0.93 W) and FACH (10 s at 0.51 W) tails modelled as one 14 s tail at their time-averaged 0.63 W, " +
      "so an isolated heartbeat costs ARO's 9.75 J (activity within the tail is costed at the average). " +
      '"wifi": no promotion, tail 0.25 s at 0.403 W. Or an object with promotion, promotionW, tail, tailW',
  );

type RadioInput = z.output<typeof radioSchema>;

export function resolveRadio(radio: RadioInput): RadioPlan | null {
  if (radio === "none") return null;
  if (typeof radio === "string") return { ...RADIO_PRESETS[radio] };
  return {
    name: "custom",
    promotionUs: radio.promotion,
    promotionW: radio.promotionW,
    tailUs: radio.tail,
    tailW: radio.tailW,
  };
}
