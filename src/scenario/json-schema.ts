// The published JSON Schema (`sim schema`, scenarios/scenario.schema.json),
// generated from the same zod schema the loader validates with. The input
// side ("io: input") is what a file may contain: durations as strings or
// seconds, every defaulted field optional.

import * as z from "zod";
import { scenarioSchema } from "./schema.js";

const SCENARIO_SCHEMA_ID = "urn:heartbeat-sim:scenario";

export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  // "$schema" and "$id" first, so the file reads as a schema from its first lines
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCENARIO_SCHEMA_ID,
    title: "heartbeat-sim scenario",
    ...rest,
  };
}
