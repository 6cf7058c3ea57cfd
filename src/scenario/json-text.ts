// Scenario text -> JSON value. Scenario files are JSONC, as tsconfig.json and
// VS Code settings are: JSON plus `//` and `/* */` comments and trailing
// commas. Syntax errors are reported as
// "<file>:<line>:<column>: invalid JSON: <reason>" so editors can jump there.

// The ES module build: the package's main entry is a UMD wrapper whose
// require() calls esbuild cannot follow, so the CLI bundle would break.
import { printParseErrorCode, visit, type ParseErrorCode, type ParseOptions } from "jsonc-parser/lib/esm/main.js";
import { UserError } from "../errors.js";

const OPTIONS: ParseOptions = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

type Code = Exclude<ReturnType<typeof printParseErrorCode>, "<unknown ParseErrorCode>">;

/** The first syntax error, where the parser reported it. */
interface ParseFailure {
  readonly code: Code;
  readonly offset: number;
  readonly length: number;
  /** whether the innermost open container is an array: a missing comma is worded after it */
  readonly inArray: boolean;
}

/** What a reason can say about the error's place. */
interface Site {
  /** the text there, quoted (undefined at the end of the file) */
  readonly found: string | undefined;
  readonly inArray: boolean;
  /** whether the token stops before the end of the file: an unterminated string then stops at a line break */
  readonly stopsEarly: boolean;
}

/** An error narrowed down to one place. */
interface Pinned {
  readonly code: Code;
  readonly offset: number;
  readonly found: string | undefined;
}

/** Parses `text` (a leading byte-order mark is ignored); throws UserError on empty text or bad syntax. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new UserError(`${file}: the file is empty, expected a JSON scenario`);
  }
  const { value, failure } = readJsonc(body);
  if (failure === undefined) return value;
  const { offset, reason } = explain(body, failure);
  const { line, column } = lineAndColumn(body, offset);
  throw new UserError(`${file}:${line}:${column}: invalid JSON: ${reason}`);
}

type Container = unknown[] | Record<string, unknown>;

/** The value and the first syntax error; after an error the value means nothing. */
function readJsonc(text: string): { value: unknown; failure: ParseFailure | undefined } {
  let value: unknown;
  let key = "";
  let failure: ParseFailure | undefined;
  const open: Container[] = [];
  const add = (item: unknown): void => {
    const parent = open.at(-1);
    if (parent === undefined) value = item;
    else if (Array.isArray(parent)) parent.push(item);
    // defined rather than assigned, so "__proto__" is an own key as JSON.parse makes it, not the prototype
    else Object.defineProperty(parent, key, { value: item, writable: true, enumerable: true, configurable: true });
  };
  const begin = (container: Container): void => {
    add(container);
    open.push(container);
  };
  const end = (): void => {
    open.pop();
  };
  visit(text, {
    onObjectBegin: () => begin({}),
    onObjectProperty: (name) => {
      key = name;
    },
    onObjectEnd: end,
    onArrayBegin: () => begin([]),
    onArrayEnd: end,
    onLiteralValue: add,
    onError: (code, offset, length) => {
      failure ??= { code: codeName(code), offset, length, inArray: Array.isArray(open.at(-1)) };
    },
  }, OPTIONS);
  return { value, failure };
}

function codeName(code: ParseErrorCode): Code {
  const name = printParseErrorCode(code);
  if (name === "<unknown ParseErrorCode>") throw new Error(`jsonc-parser reported an unknown error code ${code}`);
  return name;
}

/** "expected <what>, found '<token>'", or at the end of the file "unexpected end of file: expected <what>". */
function expected(what: string): (site: Site) => string {
  return (site) => (site.found === undefined ? `unexpected end of file: expected ${what}` : `expected ${what}, found ${site.found}`);
}

// a quoted unknown token that starts like a word or a single-quoted string: a value or name written as in JavaScript
const WORD = /^'[\p{L}_$'`]/u;
const NOT_A_VALUE = "strings and property names need double quotes, and the only literals are true, false and null";

const REASONS: Record<Code, (site: Site) => string> = {
  ValueExpected: expected("a value"),
  PropertyNameExpected: expected("a property name in double quotes"),
  ColonExpected: expected("':' after a property name"),
  CommaExpected: (site) => expected(site.inArray ? "',' or ']' after an array element" : "',' or '}' after a property value")(site),
  CloseBraceExpected: expected("'}'"),
  CloseBracketExpected: expected("']'"),
  EndOfFileExpected: (site) => `extra text after the end of the document, found ${site.found}`,
  InvalidSymbol: (site) => (WORD.test(site.found ?? "") ? `unexpected ${site.found}: ${NOT_A_VALUE}` : `unexpected ${site.found}`),
  // unreachable in practice: the scanner only passes digits on to Number()
  InvalidNumberFormat: (site) => `invalid number, found ${site.found}`,
  UnexpectedEndOfNumber: (site) => `invalid number, found ${site.found}`,
  // unreachable while comments are allowed
  InvalidCommentToken: () => "comments are not allowed",
  UnexpectedEndOfComment: () => "unterminated comment",
  UnexpectedEndOfString: (site) => (site.stopsEarly ? "unterminated string: the closing quote must be on the same line" : "unterminated string"),
  InvalidUnicode: (site) => `invalid unicode escape in a string, found ${site.found}`,
  InvalidEscapeCharacter: (site) => `invalid escape character in a string, found ${site.found}`,
  InvalidCharacter: (site) => `unescaped control character in a string, found ${site.found}`,
};

const IN_STRING: ReadonlySet<Code> = new Set(["InvalidUnicode", "InvalidEscapeCharacter", "InvalidCharacter"]);

/** Where the error is and why. */
function explain(text: string, failure: ParseFailure): { offset: number; reason: string } {
  const pinned = (IN_STRING.has(failure.code) ? stringProblem(text, failure.offset, failure.length) : undefined) ?? atToken(text, failure);
  const site: Site = { found: pinned.found, inArray: failure.inArray, stopsEarly: failure.offset + failure.length < text.length };
  return { offset: Math.min(pinned.offset, realEnd(text)), reason: REASONS[pinned.code](site) };
}

function atToken(text: string, failure: ParseFailure): Pinned {
  const found = failure.offset < text.length ? quote(text.slice(failure.offset, failure.offset + failure.length)) : undefined;
  return { code: failure.code, offset: failure.offset, found };
}

// a valid escape, or (captured) the first thing a JSON string cannot hold
const STRING_PART = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|(\\u[^"\\\x00-\x1f]{0,4}|\\[^]?|[\x00-\x1f])/g;

/**
 * The parser places string errors at the opening quote and names the last
 * one; this finds the first bad escape or raw control character itself, so
 * the column points at it as JSON.parse's did.
 */
function stringProblem(text: string, offset: number, length: number): Pinned | undefined {
  const token = text.slice(offset, offset + length);
  for (const match of token.matchAll(STRING_PART)) {
    const bad = match[1];
    if (bad === undefined) continue;
    const at = offset + match.index;
    if (bad.startsWith("\\u")) return { code: "InvalidUnicode", offset: at, found: quote(bad) };
    if (bad.startsWith("\\")) return { code: "InvalidEscapeCharacter", offset: at, found: quote(bad) };
    return { code: "InvalidCharacter", offset: at, found: `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` };
  }
  return undefined;
}

const QUOTE_LIMIT = 24;

/** `token` in single quotes, cut short if long, control characters escaped so the message stays one line. */
function quote(token: string): string {
  const chars = Array.from(token);
  const shown = chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join("")}...` : token;
  return `'${shown.replace(/[\x00-\x1f]/g, (c) => JSON.stringify(c).slice(1, -1))}'`;
}

const JSON_WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/** An error at the end of the input points just after the last real character, not at the start of an empty last line. */
function realEnd(text: string): number {
  let end = text.length;
  while (end > 0 && JSON_WHITESPACE.has(text[end - 1])) end--;
  return end;
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
