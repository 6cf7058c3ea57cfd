import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { lineAndColumn, parseJsonText } from "../../src/scenario/json-text.js";
import { FILE, userError } from "./fixtures.js";

function syntaxMessage(text: string): string {
  return userError(() => parseJsonText(text, FILE)).message;
}

describe("comments and trailing commas (JSONC, as tsconfig.json)", () => {
  test("line comments before, between and after values, and at the end of the file without a newline", () => {
    const text = '// a scenario\n{\n  // the name\n  "a": 1, // one\n  "b": [2, 3] // two\n}\n// end';
    expect(parseJsonText(text, FILE)).toEqual({ a: 1, b: [2, 3] });
  });

  test("block comments anywhere between tokens, over several lines too", () => {
    const text = '/* header\n   over lines */ {"a": /* inline */ 1, /* before */ "b" /* after */ : [/* empty */]} /* end */';
    expect(parseJsonText(text, FILE)).toEqual({ a: 1, b: [] });
  });

  test("comment markers inside strings are text", () => {
    expect(parseJsonText('{"url": "http://x/*y*/"}', FILE)).toEqual({ url: "http://x/*y*/" });
  });

  test("a trailing comma after the last property or element", () => {
    expect(parseJsonText('{\n  "a": [1, 2,],\n  "b": {"c": true,},\n}', FILE)).toEqual({ a: [1, 2], b: { c: true } });
  });

  test("a byte-order mark before a comment is ignored", () => {
    expect(parseJsonText('\uFEFF// note\n{"a": 1}', FILE)).toEqual({ a: 1 });
  });
});

describe("the values are JSON.parse's", () => {
  test("for any JSON text, compact or indented", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseJsonText(text, FILE);
        expect(parsed).toStrictEqual(JSON.parse(text));
        // same key order too
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(JSON.parse(text)));
      }),
    );
  });

  test("numbers, escapes, nesting", () => {
    const text = '{"n": [0, -0, 1.5e3, -2E-2, 1e400, 12345678901234567890], "s": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800", "o": {"p": {"q": [null, true, false, {}]}}}';
    expect(parseJsonText(text, FILE)).toStrictEqual(JSON.parse(text));
    expect(Object.is((parseJsonText("-0", FILE) as number), -0)).toBe(true);
  });

  test("a duplicate key: the last value wins, in the first one's place", () => {
    const parsed = parseJsonText('{"a": 1, "b": 2, "a": 3}', FILE);
    expect(parsed).toEqual({ a: 3, b: 2 });
    expect(Object.keys(parsed as object)).toEqual(["a", "b"]);
  });

  test('"__proto__" is an own key, as JSON.parse makes it, not the prototype', () => {
    const text = '{"__proto__": {"polluted": 1}}';
    const parsed = parseJsonText(text, FILE) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(parsed).toStrictEqual(JSON.parse(text));
  });
});

describe("syntax errors: the first one, with line and column", () => {
  // each error code jsonc-parser reports (except InvalidCommentToken and
  // InvalidNumberFormat, which it cannot report with comments allowed and its
  // number scanner), with the exact message
  test.each([
    // ValueExpected
    ['{\n  "name": "x",\n  "seed": ,\n}', "3:11", "expected a value, found ','"],
    ["[1,,2]", "1:4", "expected a value, found ','"],
    // PropertyNameExpected
    ['{"a": 1,,}', "1:9", "expected a property name in double quotes, found ','"],
    ['{"a": 1, 2: 3}', "1:10", "expected a property name in double quotes, found '2'"],
    // ColonExpected
    ['{"a" 1}', "1:6", "expected ':' after a property name, found '1'"],
    ['{\n  "a"\n', "2:6", "unexpected end of file: expected ':' after a property name"],
    // CommaExpected, worded for an object or an array
    ['{"a": 1 "b": 2}', "1:9", "expected ',' or '}' after a property value, found '\"b\"'"],
    ['{"a": 01}', "1:8", "expected ',' or '}' after a property value, found '1'"],
    ["[1 2]", "1:4", "expected ',' or ']' after an array element, found '2'"],
    // CloseBraceExpected, CloseBracketExpected: the end of the input points just after its last character
    ['{\n  "a": 1\n', "2:9", "unexpected end of file: expected '}'"],
    ['{\n  "a": [1, 2\n\n', "2:13", "unexpected end of file: expected ']'"],
    ['{"a": 1 // no closing brace\n', "1:28", "unexpected end of file: expected '}'"],
    // EndOfFileExpected
    ['{"a": 1}\n}', "2:1", "extra text after the end of the document, found '}'"],
    ["{} {}", "1:4", "extra text after the end of the document, found '{'"],
    // InvalidSymbol: a word that is no literal gets the hint
    ["{a: 1}", "1:2", "unexpected 'a': strings and property names need double quotes, and the only literals are true, false and null"],
    ["{'a': 1}", "1:2", "unexpected ''a'': strings and property names need double quotes, and the only literals are true, false and null"],
    ['{"a": NaN}', "1:7", "unexpected 'NaN': strings and property names need double quotes, and the only literals are true, false and null"],
    ['{"a": -}', "1:7", "unexpected '-'"],
    ['{"a": 1} / 2', "1:10", "unexpected '/'"],
    // UnexpectedEndOfNumber
    ['{"a": 1.}', "1:7", "invalid number, found '1.'"],
    ['{"a": 2e}', "1:7", "invalid number, found '2e'"],
    // UnexpectedEndOfComment: at the comment's start
    ['{"a": 1}\n/* note', "2:1", "unterminated comment"],
    // UnexpectedEndOfString: at the string's opening quote, which names the string
    ['{"a": "abc', "1:7", "unterminated string"],
    ['{\n  "a": "abc\n}', "2:8", "unterminated string: the closing quote must be on the same line"],
    // InvalidEscapeCharacter, InvalidUnicode, InvalidCharacter: at the offending escape or character itself
    ['{"a": "x\\qy"}', "1:9", "invalid escape character in a string, found '\\q'"],
    ['{"a": "x\\u12G4"}', "1:9", "invalid unicode escape in a string, found '\\u12G4'"],
    ['{"a": "x\\u12"}', "1:9", "invalid unicode escape in a string, found '\\u12'"],
    ['{"a": "x\ty"}', "1:9", "unescaped control character in a string, found U+0009"],
    // the first of two problems in one string, though the parser names the last
    ['{"a": "\\q\t"}', "1:8", "invalid escape character in a string, found '\\q'"],
  ])("%j -> %s %s", (text, position, reason) => {
    expect(syntaxMessage(text)).toBe(`${FILE}:${position}: invalid JSON: ${reason}`);
  });

  test("a misspelt literal points at the word", () => {
    // JSON.parse stopped at the first character that cannot continue `true`
    // (1:10, the '}'); jsonc-parser reads the whole word `tru` as one unknown
    // token and points at its start, which is where the mistake is
    expect(syntaxMessage('{"a": tru}')).toBe(
      `${FILE}:1:7: invalid JSON: unexpected 'tru': strings and property names need double quotes, and the only literals are true, false and null`,
    );
  });

  test("only the first error is reported", () => {
    expect(syntaxMessage('{"a": ,\n "b": ,\n}')).toBe(`${FILE}:1:7: invalid JSON: expected a value, found ','`);
  });

  test("a long token is quoted cut short", () => {
    expect(syntaxMessage('{"a": 1 "a property name far too long to quote": 2}')).toBe(
      `${FILE}:1:9: invalid JSON: expected ',' or '}' after a property value, found '"a property name far too...'`,
    );
  });

  test("a file of comments alone has no value", () => {
    expect(syntaxMessage("// nothing yet\n")).toBe(`${FILE}:1:15: invalid JSON: unexpected end of file: expected a value`);
  });

  test("columns count UTF-16 units after a byte-order mark and astral characters", () => {
    expect(syntaxMessage('\uFEFF{"😀": 1,,}')).toBe(`${FILE}:1:10: invalid JSON: expected a property name in double quotes, found ','`);
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

describe("lineAndColumn", () => {
  test("counts lines at \\n, so \\r\\n files get the same columns", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab\r\ncd", 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("abc", 0)).toEqual({ line: 1, column: 1 });
  });
});
