import { describe, expect, test } from "vitest";
import { lineAndColumn, parseJsonText } from "../../src/scenario/json-text.js";
import { syntaxErrorOffset } from "../../src/scenario/json-locate.js";
import { FILE, userError } from "./fixtures.js";

function syntaxMessage(text: string): string {
  return userError(() => parseJsonText(text, FILE)).message;
}

describe("JSON syntax errors carry line and column", () => {
  test("an unexpected token (Node names no position for it)", () => {
    // line 3 is `  "seed": ,`: the comma is the 11th character
    expect(syntaxMessage('{\n  "name": "x",\n  "seed": ,\n}')).toBe(`${FILE}:3:11: invalid JSON: Unexpected token ','`);
  });

  test("a misspelt literal points at the first character that cannot belong to it", () => {
    expect(syntaxMessage('{"a": tru}')).toBe(`${FILE}:1:10: invalid JSON: Unexpected token '}'`);
  });

  test("a trailing comma points at the closing brace", () => {
    expect(syntaxMessage('{\n  "a": 1,\n}')).toMatch(new RegExp(`^${FILE}:3:1: invalid JSON: `));
  });

  test("a comment is a syntax error (scenario files are JSON, not JSONC)", () => {
    expect(syntaxMessage('{\n  // note\n  "a": 1\n}')).toMatch(new RegExp(`^${FILE}:2:3: invalid JSON: `));
  });

  test("a truncated file points just after its last character", () => {
    expect(syntaxMessage('{\n  "a": 1\n')).toMatch(new RegExp(`^${FILE}:2:9: invalid JSON: `));
    expect(syntaxMessage('{\n  "a": [1, 2')).toMatch(new RegExp(`^${FILE}:2:13: invalid JSON: `));
  });

  test("empty and whitespace-only files", () => {
    const empty = `${FILE}: the file is empty, expected a JSON scenario`;
    expect(syntaxMessage("")).toBe(empty);
    expect(syntaxMessage("  \n\t\n")).toBe(empty);
    expect(syntaxMessage("\uFEFF\n")).toBe(empty);
  });

  test("a byte-order mark is ignored", () => {
    expect(parseJsonText('\uFEFF{"a": 1}', FILE)).toEqual({ a: 1 });
  });
});

describe("the syntax-error locator agrees with the position V8 names", () => {
  // each of these texts is one V8 (Node >= 20, as package.json requires) names a position for
  test.each(['{"a":1,}', '{"a" 1}', "{", "[1,2", '{"a":1}x', '{"a":01}', '["a\nb"]', '{"a":"\\x"}', '{"a": -}'])("%j", (text) => {
    let message = "";
    try {
      JSON.parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    const match = /at position (\d+)/.exec(message);
    expect(match, `V8 names no position: ${JSON.stringify(message)}`).not.toBeNull();
    expect(syntaxErrorOffset(text)).toBe(Number(match![1]));
  });

  test("valid JSON has no error", () => {
    expect(syntaxErrorOffset('{"a": [1, -2.5e3, true, null, "x\\u00e9"]}')).toBeUndefined();
  });
});

describe("lineAndColumn", () => {
  test("counts lines at \\n, so \\r\\n files get the same columns", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab\r\ncd", 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("abc", 0)).toEqual({ line: 1, column: 1 });
  });
});
