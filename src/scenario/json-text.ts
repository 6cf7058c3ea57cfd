// Scenario text -> JSON value, with syntax errors reported as
// "<file>:<line>:<column>: invalid JSON: <reason>" so editors can jump there.

import { UserError } from "../errors.js";
import { syntaxErrorOffset } from "./json-locate.js";

/** Parses `text` (a leading byte-order mark is ignored); throws UserError on empty text or bad syntax. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new UserError(`${file}: the file is empty, expected a JSON scenario`);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = errorOffset(body, error.message);
    const { line, column } = lineAndColumn(body, offset);
    throw new UserError(`${file}:${line}:${column}: invalid JSON: ${reason(error.message)}`);
  }
}

function errorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  // an error at the end of the input points just after the last real
  // character, not at the start of an empty last line
  const end = text.trimEnd().length;
  if (position !== null) return Math.min(Number(position[1]), end);
  if (message.includes("end of JSON input")) return end;
  return Math.min(syntaxErrorOffset(text) ?? end, end);
}

/** V8's message without the position (we give line:column) and without its quote of the input. */
function reason(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, "");
}

/** 1-based line and column (in UTF-16 code units) of `offset`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
