// Network rules a per-field schema cannot state: link vs uplink/downlink,
// uniform min <= max, lognormal given as median/p99 or mu/sigma (not a mix),
// and TCP's rtoMin <= rtoMax.

import { formatDurationUs as fmt } from "./duration.js";
import type { Path, Problem } from "./messages.js";
import type { ParsedScenario } from "./schema.js";

type Network = ParsedScenario["network"];
type Delay = NonNullable<Network["link"]>["delay"];

export function checkNetwork(network: Network): Problem[] {
  return [...checkLinks(network), checkTransport(network.transport)].filter((p): p is Problem => p !== undefined);
}

function checkTransport(transport: Network["transport"]): Problem | undefined {
  if (transport === "datagram" || transport.rtoMax >= transport.rtoMin) return undefined;
  return {
    kind: "expected",
    path: ["network", "transport", "rtoMax"],
    expected: `an rtoMax no shorter than rtoMin (${fmt(transport.rtoMin)})`,
    found: fmt(transport.rtoMax),
  };
}

function checkLinks(network: Network): (Problem | undefined)[] {
  const { link, uplink, downlink } = network;
  if (link !== undefined && (uplink !== undefined || downlink !== undefined)) {
    const extra = uplink !== undefined ? "uplink" : "downlink";
    return [
      {
        kind: "expected",
        path: ["network", extra],
        expected: `nothing here when "link" is given (use either "link" or both "uplink" and "downlink")`,
      },
    ];
  }
  if (link !== undefined) return [checkDelay(link.delay, ["network", "link", "delay"])];
  if (uplink === undefined && downlink === undefined) {
    return [{ kind: "expected", path: ["network"], expected: `either "link", or both "uplink" and "downlink"` }];
  }
  if (uplink === undefined || downlink === undefined) {
    const missing = uplink === undefined ? "uplink" : "downlink";
    const other = missing === "uplink" ? "downlink" : "uplink";
    return [
      {
        kind: "expected",
        path: ["network", missing],
        expected: `a link model (with "${other}" given, "${missing}" is required too; or use "link" for both)`,
      },
    ];
  }
  return [checkDelay(uplink.delay, ["network", "uplink", "delay"]), checkDelay(downlink.delay, ["network", "downlink", "delay"])];
}

function checkDelay(delay: Delay, path: Path): Problem | undefined {
  if (delay.dist === "uniform" && delay.max < delay.min) {
    return {
      kind: "expected",
      path: [...path, "max"],
      expected: `a duration no shorter than min (${fmt(delay.min)})`,
      found: fmt(delay.max),
    };
  }
  if (delay.dist === "lognormal") return checkLognormal(delay, path);
  return undefined;
}

type Lognormal = Extract<Delay, { dist: "lognormal" }>;

const LOGNORMAL_FORMS = "lognormal takes median and p99, or mu and sigma";

function checkLognormal(delay: Lognormal, path: Path): Problem | undefined {
  const byPercentiles = delay.median !== undefined || delay.p99 !== undefined;
  const byLogParams = delay.mu !== undefined || delay.sigma !== undefined;
  if (byPercentiles && byLogParams) {
    const extra = delay.mu !== undefined ? "mu" : "sigma";
    return {
      kind: "expected",
      path: [...path, extra],
      expected: `nothing here alongside median/p99 (${LOGNORMAL_FORMS}, not a mix)`,
    };
  }
  if (byLogParams) {
    const missing = delay.mu === undefined ? "mu" : delay.sigma === undefined ? "sigma" : undefined;
    if (missing === undefined) return undefined;
    return { kind: "expected", path: [...path, missing], expected: `a number (${LOGNORMAL_FORMS})` };
  }
  if (delay.median === undefined || delay.p99 === undefined) {
    const missing = delay.median === undefined ? "median" : "p99";
    return { kind: "expected", path: [...path, missing], expected: `a duration > 0 (${LOGNORMAL_FORMS})` };
  }
  if (delay.p99 <= delay.median) {
    return {
      kind: "expected",
      path: [...path, "p99"],
      expected: `a p99 longer than the median (${fmt(delay.median)})`,
      found: fmt(delay.p99),
    };
  }
  return undefined;
}
