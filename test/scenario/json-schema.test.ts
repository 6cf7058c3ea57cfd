// The published JSON Schema comes from the validator's schema: every field
// documented, unknown keys refused, "$schema" allowed.
import { describe, expect, test } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";

type Node = Record<string, unknown>;

const schema = scenarioJsonSchema();

function props(node: unknown): Node {
  return ((node as Node).properties ?? {}) as Node;
}

/** Every named property anywhere in the schema, with its JSON path. */
function everyProperty(node: unknown, path: string, out: [string, Node][] = []): [string, Node][] {
  if (typeof node !== "object" || node === null) return out;
  for (const [key, child] of Object.entries(node as Node)) {
    if (key === "properties") {
      for (const [name, prop] of Object.entries(child as Node)) {
        out.push([`${path}.${name}`, prop as Node]);
        everyProperty(prop, `${path}.${name}`, out);
      }
    } else {
      everyProperty(child, `${path}/${key}`, out);
    }
  }
  return out;
}

describe("scenarioJsonSchema", () => {
  test("is a draft 2020-12 schema with an id and a title", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(typeof schema.$id).toBe("string");
    expect(schema.title).toBe("heartbeat-sim scenario");
    expect(Object.keys(schema).slice(0, 3)).toEqual(["$schema", "$id", "title"]);
  });

  test("accepts the $schema key and requires the required fields", () => {
    expect(props(schema).$schema).toMatchObject({ type: "string" });
    expect(schema.required).toEqual(["name", "duration", "clients", "network", "strategies"]);
    expect(schema.additionalProperties).toBe(false);
  });

  test("every field has a description, and every object refuses unknown keys", () => {
    const all = everyProperty(schema, "");
    expect(all.length).toBeGreaterThan(50);
    // the discriminator constants (dist, model, kind) carry the option's meaning
    const undocumented = all.filter(([, prop]) => typeof prop.description !== "string").map(([path]) => path);
    expect(undocumented).toEqual([]);
    const open = all.filter(([, p]) => p.type === "object" && p.properties !== undefined && p.additionalProperties !== false);
    expect(open.map(([path]) => path)).toEqual([]);
  });

  test("defaults are published for the input side", () => {
    const clients = props(props(schema).clients);
    expect(props(clients.reconnect).delay).toMatchObject({ default: "1s" });
    expect(props(clients.reconnect).backoff).toMatchObject({ default: 2 });
    expect(props(schema).seed).toMatchObject({ default: 1 });
  });

  test("durations are strings with units or numbers of seconds, defined once", () => {
    const defs = schema.$defs as Record<string, Node>;
    expect(props(schema).duration).toMatchObject({ $ref: "#/$defs/positiveDuration", description: expect.any(String) });
    expect(props(props(props(schema).clients).connect).spread).toMatchObject({ $ref: "#/$defs/duration" });
    expect(defs.positiveDuration.anyOf).toEqual([
      { type: "string", pattern: expect.any(String) },
      { type: "number", exclusiveMinimum: 0 },
    ]);
    expect((defs.duration.anyOf as Node[])[1]).toEqual({ type: "number", minimum: 0 });
    const pattern = new RegExp((defs.duration.anyOf as Node[])[0].pattern as string);
    expect(["30s", "1m30s", "250ms", "1.5h", "100us", "2d"].every((d) => pattern.test(d))).toBe(true);
    expect(["30 sec", "30", "30s1m"].some((d) => pattern.test(d))).toBe(false);
  });

  test("the real-world fields are offered with their defaults", () => {
    const network = props(props(schema).network);
    expect(Object.keys(network)).toEqual(["link", "uplink", "downlink", "outages", "natIdleTimeout", "transport"]);
    expect(network.transport).toMatchObject({ default: "datagram" });
    expect(props(props(schema).clients).radio).toMatchObject({ default: "none" });
    expect(props(props(schema).clients).traffic).toMatchObject({ type: "object" });
    expect(props(props(schema).server).restarts).toMatchObject({ default: [] });
  });

  test("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
