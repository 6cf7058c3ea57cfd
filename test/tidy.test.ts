// The tidy test (after TigerBeetle's tidy.zig): the architecture as a table
// of rules over src/, checked on the parsed source. Parsing with the
// TypeScript compiler, not grepping, means comments and strings never count
// and a rule sees exactly the imports, names and loops the code uses.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** what a file does: imports (repo-relative path or package; "named-import" for `import { x }` of a value), names used, for-in loops */
interface Fact {
  readonly line: number;
  readonly kind: "import" | "named-import" | "name" | "for-in";
  readonly text: string;
}

interface Rule {
  readonly why: string;
  readonly in: readonly string[]; // folders (or files) under the repo root
  readonly except?: readonly string[];
  readonly kind: Fact["kind"];
  readonly match: RegExp;
}

const CLOCK = /^(Math\.random|Date\.now|new Date|performance\.now|process\.hrtime|setTimeout|setInterval|setImmediate)$/;
// run.ts is "scenario -> rows, no I/O" (style.md's layout), so it counts as pure too
const PURE = ["src/model/", "src/strategies/", "src/metrics/", "src/net/", "src/random/", "src/kernel/", "src/scenario/", "src/run.ts"];

const RULES: readonly Rule[] = [
  { why: "time is virtual and randomness seeded: no wall clock, timers or Math.random", in: ["src/"], except: ["src/cli/"], kind: "name", match: CLOCK },
  // the report page's script runs in a browser, whose console is where a chart that cannot be drawn is told
  { why: "only the CLI talks to the terminal", in: ["src/"], except: ["src/cli/", "src/report/page/"], kind: "name", match: /^console$/ },
  { why: "src/random/ alone owns the seeded generator", in: ["src/"], except: ["src/random/"], kind: "import", match: /^seedrandom$/ },
  { why: "the kernel knows nothing outside itself", in: ["src/kernel/"], kind: "import", match: /^(?!src\/kernel\/)/ },
  { why: "random and net sit below the models and outputs", in: ["src/random/", "src/net/"], kind: "import", match: /^src\/(model|strategies|metrics|output|cli)\// },
  { why: "models, plans and metrics do no I/O: only the CLI and src/output/ do", in: PURE, kind: "import", match: /^(node:)?(fs|os)(\/.*)?$/ },
  { why: "models, plans and metrics do no I/O: only the CLI and src/output/ do", in: PURE, kind: "name", match: /^process\.(stdout|stderr)$/ },
  { why: "output is the last step: nothing below it depends on the CLI, src/output/ or src/report/", in: PURE, kind: "import", match: /^src\/(cli|output|report)\// },
  // parts get a ModelContext (src/model/ports.ts), never the World that builds them
  { why: "only the run layer builds or reads a World", in: ["src/"], except: ["src/run.ts", "src/model/finish.ts", "src/model/world.ts"], kind: "import", match: /^src\/model\/world\.js$/ },
  {
    why: "zod comes in as a namespace (import * as z): importing its z object by name keeps its 40 locales in the bundle (0.75 -> 1.3 MB, parsed on every start)",
    in: ["src/"],
    kind: "named-import",
    match: /^zod$/,
  },
  { why: "state is columns iterated in id order, not objects walked with for...in", in: ["src/model/", "src/strategies/", "src/kernel/", "src/net/"], kind: "for-in", match: /.*/ },
];

/** the facts of one source file; `file` is repo-relative, with forward slashes */
function facts(file: string, text: string): Fact[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Fact[] = [];
  const add = (node: ts.Node, kind: Fact["kind"], t: string) =>
    out.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, kind, text: t });
  const spec = (node: ts.Node, s: string) => add(node, "import", s.startsWith(".") ? posix.join(posix.dirname(file), s) : s);
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      spec(node, node.moduleSpecifier.text);
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      if (clause && !clause.isTypeOnly && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        add(node, "named-import", node.moduleSpecifier.text);
      }
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) spec(node, arg.text);
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      add(node, "name", `${node.expression.text}.${node.name.text}`);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      add(node, "name", `new ${node.expression.text}`);
    } else if (ts.isIdentifier(node)) {
      add(node, "name", node.text); // bare names, and the last name of a.b.setTimeout
    } else if (ts.isForInStatement(node)) {
      add(node, "for-in", "for...in");
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const under = (file: string, dirs: readonly string[] = []) => dirs.some((d) => file.startsWith(d));

/** "file:line: text (why)" for every fact of `file` that breaks a rule */
function violations(file: string, text: string): string[] {
  const rules = RULES.filter((r) => under(file, r.in) && !under(file, r.except));
  return facts(file, text).flatMap((f) =>
    rules.filter((r) => r.kind === f.kind && r.match.test(f.text)).map((r) => `${file}:${f.line}: ${f.text} (${r.why})`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** the files of src/ each file imports (type-only imports too), by repo-relative path */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((f) => {
      const targets = facts(f, readFileSync(join(ROOT, f), "utf8"))
        .filter((x) => x.kind === "import" && x.text.startsWith("src/"))
        .map((x) => x.text.replace(/\.(m|c)?js$/, ".$1ts").replace(/\.ts$/, ".ts"))
        .filter((t) => known.has(t));
      return [f, [...new Set(targets)]];
    }),
  );
}

/** the import circles: strongly connected groups of more than one file, or a file importing itself (Tarjan) */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe("tidy", () => {
  it("src/ has no import circle, type-only imports included", () => {
    const found = circles(importGraph(sourceFiles("src")));
    expect(found, found.map((g) => g.join(" -> ")).join("\n")).toEqual([]);
  });

  it("finds a planted circle", () => {
    expect(circles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).toEqual([["a", "b", "c"]]);
    expect(circles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
  });

  it("src/ keeps every rule of the architecture", () => {
    const files = sourceFiles("src");
    expect(files.length).toBeGreaterThan(10); // the scan found the sources
    const found = files.flatMap((f) => violations(f, readFileSync(join(ROOT, f), "utf8")));
    expect(found, found.join("\n")).toEqual([]);
  });

  // The rules must be able to fail: one planted breach per rule, and the
  // same code where it is allowed, or hidden in comments and strings.
  const planted: [file: string, code: string][] = [
    ["src/model/a.ts", "const x = Math.random();"],
    ["src/run.ts", "const t = Date.now() + performance.now();"],
    ["src/strategies/a.ts", "const d = new Date(0);"],
    ["src/metrics/a.ts", "globalThis.setTimeout(f, 1); setInterval(f, 1); setImmediate(f); process.hrtime();"],
    ["src/output/a.ts", "console.log(1);"],
    ["src/net/a.ts", 'import seedrandom from "seedrandom";'],
    ["src/kernel/a.ts", 'import { x } from "../model/world.js";'],
    ["src/kernel/b.ts", 'import { x } from "../errors.js";'],
    ["src/random/a.ts", 'export { x } from "../metrics/recorder.js";'],
    ["src/net/b.ts", 'import type { X } from "../strategies/s.js";'],
    ["src/scenario/a.ts", 'import { readFileSync } from "node:fs";'],
    ["src/model/b.ts", 'const fs = await import("fs/promises");'],
    ["src/metrics/b.ts", 'import { EOL } from "os";'],
    ["src/scenario/b.ts", 'import { csv } from "../output/csv.js";'],
    ["src/kernel/c.ts", "process.stdout.write('x');"],
    ["src/model/c.ts", "for (const k in obj) f(k);"],
    ["src/scenario/c.ts", 'import { z } from "zod";'],
    ["src/strategies/b.ts", 'import type { World } from "../model/world.js";'],
    ["src/parallel/a.ts", 'import { estimatedEvents } from "../model/world.js";'],
  ];
  it.each(planted)("catches the planted breach in %s: %s", (file, code) => {
    expect(violations(file, code)).not.toEqual([]);
  });

  const allowed: [file: string, code: string][] = [
    ["src/cli/a.ts", "console.log(Date.now(), new Date(), setTimeout, process.stdout);"],
    ["src/random/a.ts", 'import seedrandom from "seedrandom";'],
    ["src/kernel/a.ts", 'import { HeapQueue } from "./heap-queue.js";'],
    ["src/output/a.ts", 'import { writeFileSync } from "node:fs";'],
    ["src/metrics/a.ts", 'for (const k of keys) f(k); import { x } from "../net/link.js";'],
    ["src/model/a.ts", '// never Math.random() or Date.now() here\nconst s = "console.log setTimeout";'],
    ["src/scenario/a.ts", 'import * as z from "zod"; import type { ZodType } from "zod";'],
  ];
  it.each(allowed)("allows %s: %s", (file, code) => {
    expect(violations(file, code)).toEqual([]);
  });
});

describe("the repository", () => {
  it(".gitignore ignores no tracked file", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const tracked = execFileSync("git", ["ls-files", "--cached", "--ignored", "--exclude-standard"], { cwd: root, encoding: "utf8" });
    expect(tracked).toBe("");
    // and it still ignores what the build and npm make
    const ignored = execFileSync("git", ["check-ignore", "dist/cli/cli.cjs", "node_modules/x"], { cwd: root, encoding: "utf8" });
    expect(ignored.trim().split("\n")).toEqual(["dist/cli/cli.cjs", "node_modules/x"]);
  });
});
