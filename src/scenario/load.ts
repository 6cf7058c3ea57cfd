// Scenario text -> frozen Plan (reading the file is the CLI's job). Every user mistake becomes one UserError with one
// line: the first problem found, in a stable order (syntax, structure, then
// the rules relating fields).

import { UserError } from "../errors.js";
import { checkScenario } from "./checks.js";
import { parseJsonText } from "./json-text.js";
import { firstIssue, issueProblem, problemMessage } from "./messages.js";
import type { Plan } from "./plan.js";
import { resolvePlan } from "./resolve.js";
import { scenarioSchema } from "./schema.js";
import { applySets } from "./set.js";

export interface LoadOptions {
  /** `--set PATH=VALUE` strings, applied to the raw JSON before validation */
  readonly sets?: readonly string[];
}

/** `file` only names the scenario in messages. */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): Plan {
  const raw = parseJsonText(text, file);
  const sets = options.sets ?? [];
  // a non-object top level gets the schema's "at (root): expected an object" instead
  if (sets.length > 0 && typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    applySets(raw as Record<string, unknown>, sets, file);
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    throw new UserError(problemMessage(file, issueProblem(firstIssue(result.error.issues)), raw));
  }
  const problem = checkScenario(result.data, raw);
  if (problem !== undefined) throw new UserError(problemMessage(file, problem, raw));
  return resolvePlan(result.data, raw);
}
