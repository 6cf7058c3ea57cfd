// Scenario text -> frozen Plan (reading the file is the CLI's job). Every
// user mistake becomes one UserError, a line per problem, in a stable order:
// syntax (the first error only: after it the text means nothing), then
// structure, then the rules relating fields.

import { UserError } from "../errors.js";
import { checkScenario } from "./checks.js";
import { parseJsonText } from "./json-text.js";
import { issueProblems, problemLines } from "./messages.js";
import type { Plan } from "./plan.js";
import { resolvePlan } from "./resolve.js";
import { scenarioSchema } from "./schema.js";
import { applySets, type SetOption } from "./set.js";
import { scenarioWarnings } from "./warnings.js";

export interface LoadOptions {
  /** `--set PATH=VALUE` edits (and flags that edit, such as --seed), applied to the raw JSON before validation */
  readonly sets?: readonly SetOption[];
  /** told of each warning (src/scenario/warnings.ts), one line each, as errors are worded */
  readonly warn?: (line: string) => void;
}

/**
 * `file` only names the scenario in messages. Every problem of the file is
 * reported at once (one UserError, a line each): the schema's, or, once the
 * structure is valid, the rules'.
 */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): Plan {
  const raw = parseJsonText(text, file);
  const sets = options.sets ?? [];
  // a non-object top level gets the schema's "at (root): expected an object" instead
  const blames = sets.length > 0 && typeof raw === "object" && raw !== null && !Array.isArray(raw) ? applySets(raw as Record<string, unknown>, sets, file) : [];
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) throw new UserError(problemLines(file, issueProblems(result.error.issues, raw), raw, blames));
  // warned of before the rules' errors, which a likely mistake often explains
  if (options.warn !== undefined) {
    for (const line of problemLines(file, scenarioWarnings(result.data, raw), raw, blames)) options.warn(line);
  }
  const problems = checkScenario(result.data, raw);
  if (problems.length > 0) throw new UserError(problemLines(file, problems, raw, blames));
  return resolvePlan(result.data, raw);
}
