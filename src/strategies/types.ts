// The interfaces every heartbeat strategy and every detector implements,
// defined with the model's other ports (src/model/ports.ts), where the
// connection model that calls them can see them without importing a strategy.
export type { Detector, HeartbeatPolicy } from "../model/ports.js";
