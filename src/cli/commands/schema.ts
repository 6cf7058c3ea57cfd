// `sim schema`: the scenario JSON Schema, from the validator's own source of truth.
import type { CommandModule } from "yargs";
import { scenarioJsonSchema } from "../../scenario/json-schema.js";

export const schemaCommand: CommandModule = {
  command: "schema",
  describe: "print the scenario JSON Schema",
  handler: () => {
    process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
  },
};
