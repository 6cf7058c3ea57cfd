// scenarios/scenario.schema.json is generated from the same zod schema that
// validates scenarios; this keeps the committed file in sync with it
// (regenerate with `npm run schema`), and every shipped scenario points at it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../src/scenario/json-schema.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaPath = join(root, "scenarios", "scenario.schema.json");

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return scenarioFiles(p);
    return e.name.endsWith(".json") && e.name !== "scenario.schema.json" ? [p] : [];
  });
}

describe("scenario.schema.json", () => {
  it("is exactly what the schema source generates (run `npm run schema` after changing it)", () => {
    const committed = JSON.parse(readFileSync(schemaPath, "utf8"));
    expect(committed).toEqual(scenarioJsonSchema());
  });

  // what an editor does with the published file: a standard validator accepts
  // every shipped scenario and rejects the mistakes our own validator rejects
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

  it.each(scenarioFiles(join(root, "scenarios")).map((f) => [relative(root, f), f]))(
    "%s references it through $schema and is valid under it",
    (_rel, file) => {
      const json = JSON.parse(readFileSync(file, "utf8"));
      expect(join(dirname(file), json.$schema)).toBe(schemaPath);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it("rejects an unknown key and a wrong type, as the loader does", () => {
    const base = JSON.parse(readFileSync(join(root, "scenarios", "datacenter.json"), "utf8"));
    expect(validate({ ...base, clients: { ...base.clients, cuont: 3 } })).toBe(false);
    expect(validate({ ...base, clients: { ...base.clients, count: "ten" } })).toBe(false);
    expect(validate({ ...base, strategies: [{ ...base.strategies[0], initiator: "peer" }] })).toBe(false);
  });
});
