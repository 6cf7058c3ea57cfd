// Where is the first JSON syntax error? Node 20's JSON.parse names a position
// for most errors but not for "Unexpected token" ones, so this small scanner
// walks the RFC 8259 grammar and returns the offset of the first character
// that cannot belong to a valid document. Only used after JSON.parse failed.

class Stop {
  constructor(readonly offset: number) {}
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.skipWhitespace();
    if (this.i < this.text.length) this.stop();
  }

  private stop(): never {
    throw new Stop(this.i);
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.i])) this.i++;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) this.stop();
    this.i++;
  }

  private value(): void {
    this.skipWhitespace();
    const c = this.text[this.i];
    if (c === "{") this.object();
    else if (c === "[") this.array();
    else if (c === '"') this.string();
    else if (c === "-" || (c >= "0" && c <= "9")) this.number();
    else if (c === "t") this.literal("true");
    else if (c === "f") this.literal("false");
    else if (c === "n") this.literal("null");
    else this.stop();
  }

  private object(): void {
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === "}") return void this.i++;
    for (;;) {
      this.skipWhitespace();
      this.string();
      this.skipWhitespace();
      this.expect(":");
      this.value();
      this.skipWhitespace();
      if (this.text[this.i] === "}") return void this.i++;
      this.expect(",");
    }
  }

  private array(): void {
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === "]") return void this.i++;
    for (;;) {
      this.value();
      this.skipWhitespace();
      if (this.text[this.i] === "]") return void this.i++;
      this.expect(",");
    }
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined || c < " ") this.stop();
      this.i++;
      if (c === '"') return;
      if (c === "\\") this.escape();
    }
  }

  private escape(): void {
    const c = this.text[this.i];
    if (c === "u") {
      this.i++;
      for (let k = 0; k < 4; k++) {
        if (!/[0-9a-fA-F]/.test(this.text[this.i] ?? "")) this.stop();
        this.i++;
      }
    } else if (ESCAPES.has(c)) this.i++;
    else this.stop();
  }

  private number(): void {
    if (this.text[this.i] === "-") this.i++;
    if (this.text[this.i] === "0") this.i++;
    else this.digits();
    if (this.text[this.i] === ".") {
      this.i++;
      this.digits();
    }
    if (this.text[this.i] === "e" || this.text[this.i] === "E") {
      this.i++;
      if (this.text[this.i] === "+" || this.text[this.i] === "-") this.i++;
      this.digits();
    }
  }

  private digits(): void {
    const start = this.i;
    while (this.text[this.i] >= "0" && this.text[this.i] <= "9") this.i++;
    if (this.i === start) this.stop();
  }

  private literal(word: string): void {
    for (const char of word) this.expect(char);
  }
}

/** Offset of the first syntax error, or undefined if none is found (or nesting is too deep to scan). */
export function syntaxErrorOffset(text: string): number | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
