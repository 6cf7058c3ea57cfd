// A long run gets a bigger inlining budget for V8's optimising compiler.
//
// TurboFan inlines the functions a hot function calls, up to a total of 920
// bytes of their bytecode by default. The model's hot paths are deep (a
// heartbeat round run at once: the strategy, the transport, the links, their
// loss and delay laws, the RTT estimator, the deadlines, the radio), and
// twice the budget inlines more of them: 10k-mobile's Socket.IO at 100,000
// phones ran 0.88x the wall time on one thread (5% fewer instructions on the
// simulating thread), mobile-100k 0.90x and the reference model at 10
// million clients 0.87x, whole processes, side by side with the build
// before this and double-field.ts. Compiling that much more costs each thread a fixed 0.1 to 0.2 s,
// which a short run does not earn back (10k-mobile 1.04x, the reference
// model at 100,000 clients 1.04x), so the budget is raised only for runs
// estimated at LONG_RUN_EVENTS events or more. It changes how fast the code
// runs, never what it computes.
//
// V8's flags are the process's, its worker threads' included, and take
// effect for what is compiled after they are set: this is called before a
// plan's jobs start. Once raised it stays raised for the process.
import { setFlagsFromString } from "node:v8";

export const LONG_RUN_EVENTS = 10e6;
const BUDGET = "--max-inlined-bytecode-size-cumulative=1840";

let raised = false;

/** raises the budget if jobs of this many estimated events in all are about to run; whether it is raised */
export function inliningBudgetFor(events: number): boolean {
  if (!raised && events >= LONG_RUN_EVENTS) {
    setFlagsFromString(BUDGET);
    raised = true;
  }
  return raised;
}
