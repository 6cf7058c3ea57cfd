// Network rules a per-field schema cannot state: link vs uplink/downlink,
// TCP's rtoMin <= rtoMax, and each delay and loss law's own (uniform min <=
// max, lognormal's two forms: src/net/delay/, src/net/loss/).

import { delayLawOf } from "../net/delay/registry.js";
import { lossLawOf } from "../net/loss/registry.js";
import { formatDurationUs as fmt } from "./duration.js";
import type { Path, Problem } from "./messages.js";
import type { ParsedScenario } from "./schema.js";

type Network = ParsedScenario["network"];
type Link = NonNullable<Network["link"]>;

export function checkNetwork(network: Network): Problem[] {
  return [...checkLinks(network), checkTransport(network.transport)].filter((p): p is Problem => p !== undefined);
}

function checkTransport(transport: Network["transport"]): Problem | undefined {
  if (transport === "datagram") return undefined;
  if (transport.hz !== undefined && transport.model !== "linux") {
    return {
      kind: "expected",
      path: ["network", "transport", "hz"],
      expected: `no tick rate with the "${transport.model}" model (its timers are exact; hz is the "linux" model's)`,
      found: String(transport.hz),
    };
  }
  if (transport.rtoMax >= transport.rtoMin) return undefined;
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
  if (link !== undefined) return checkLink(link, ["network", "link"]);
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
  return [...checkLink(uplink, ["network", "uplink"]), ...checkLink(downlink, ["network", "downlink"])];
}

/** a link's laws' own rules, delay then loss */
function checkLink(link: Link, path: Path): (Problem | undefined)[] {
  return [delayLawOf(link.delay).check?.(link.delay, [...path, "delay"]), lossLawOf(link.loss).check?.(link.loss, [...path, "loss"])];
}
