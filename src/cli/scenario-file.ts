// Reading a scenario file: the file-system half of loading, kept in the CLI
// so that src/scenario/ stays pure. Every failure to read is a UserError.
import { readFileSync, statSync } from "node:fs";
import { UserError } from "../errors.js";
import { parseScenario, type LoadOptions } from "../scenario/load.js";
import type { Plan } from "../scenario/plan.js";

export function loadScenario(file: string, options: LoadOptions = {}): Plan {
  return parseScenario(readScenarioText(file), file, options);
}

/** the text of a scenario file; every failure to read it is a UserError */
export function readScenarioText(file: string): string {
  try {
    if (statSync(file).isDirectory()) {
      throw new UserError(`${file}: is a directory, expected a scenario file`);
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(`${file}: no such file`);
    if (code === "EACCES" || code === "EPERM") throw new UserError(`${file}: permission denied`);
    if (code === "EISDIR") throw new UserError(`${file}: is a directory, expected a scenario file`);
    throw error;
  }
}
