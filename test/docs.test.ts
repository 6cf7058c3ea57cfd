// The README and docs/ tell users what to type and what they will see, so
// they are tested like code: every relative link resolves (file and
// heading), every JSON example is a scenario `sim validate` accepts, and the
// README's sample run is what `sim run` prints today.
//
// A JSON block is a whole scenario, or a fragment of one whose fence names
// the scenario it goes into (```json scenarios/10k-mobile.json): its keys
// replace that scenario's, and the result must validate.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sim, tempDir, writeJson } from "./cli/helpers.js";
import { parseJsonText } from "../src/scenario/json-text.js";
import { DOCUMENTED_DETECTIONS_HEADER, DOCUMENTED_SUMMARY_HEADER, DOCUMENTED_TIMESERIES_HEADER } from "./support/documented.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const PAGES = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(join(root, page), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(page: string): Set<string> {
  const text = read(page).replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6} (.*)$/gm)].map((m) => slug(m[1])));
}

interface Block {
  readonly page: string;
  readonly line: number;
  readonly info: string;
  readonly body: string;
}

function blocks(page: string): Block[] {
  const found: Block[] = [];
  for (const m of read(page).matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    found.push({ page, line: read(page).slice(0, m.index).split("\n").length, info: m[1].trim(), body: m[2] });
  }
  return found;
}

describe("links", () => {
  const links = PAGES.flatMap((page) =>
    [...read(page).replace(/```[\s\S]*?```/g, "").matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target))
      .map((target) => [page, target] as const),
  );

  it("are found", () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it.each(links)("%s -> %s resolves", (page, target) => {
    const [file, anchor] = target.split("#");
    const path = file === "" ? page : relative(root, join(root, dirname(page), file));
    expect(PAGES.includes(path) || readdirSync(join(root, dirname(path))).includes(path.split("/").pop()!), `${path} exists`).toBe(true);
    if (anchor !== undefined) expect([...anchors(path)], `#${anchor} in ${path}`).toContain(anchor);
  });
});

describe("JSON examples", () => {
  // a block fenced as `json results/...` shows a file sim wrote: checked below, not as a scenario
  const examples = PAGES.flatMap(blocks).filter((b) => /^jsonc?\b/.test(b.info) && !/^json results\//.test(b.info));

  it("are found", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((b) => [`${b.page}:${b.line}`, b] as const))("%s passes sim validate", (_where, b) => {
    const base = b.info.split(/\s+/)[1];
    const example = parseJsonText(b.body, `${b.page}:${b.line}`) as Record<string, unknown>;
    const scenario = base === undefined ? example : { ...(parseJsonText(read(base), base) as object), ...example };
    const dir = tempDir();
    const r = sim(["validate", writeJson(dir, "example.json", scenario)], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("output examples", () => {
  const shown = PAGES.flatMap(blocks).filter((b) => /^json results\//.test(b.info));

  it("are found", () => {
    expect(shown.length).toBeGreaterThanOrEqual(1);
  });

  it.each(shown.map((b) => [`${b.page}:${b.line}`, b] as const))("%s is the committed file sim wrote", (_where, b) => {
    const file = b.info.split(/\s+/)[1];
    expect(JSON.parse(b.body)).toEqual(JSON.parse(read(file)));
  });
});

describe("the README's sample run", () => {
  it("is what `sim run scenarios/10k-mobile.json` prints", { timeout: 120_000 }, () => {
    const sample = blocks("README.md").find((b) => b.body.startsWith("$ npx sim run scenarios/10k-mobile.json\n"));
    expect(sample, "a text block starting with the command").toBeDefined();
    const shown = sample!.body.split("\n").slice(1).join("\n");
    const r = sim(["run", "scenarios/10k-mobile.json", "--out", join(tempDir(), "out")], root);
    expect(r.code).toBe(0);
    // line for line; the table's closing blank line is not shown
    expect(r.stdout.trimEnd()).toBe(shown.trimEnd());
  });
});

describe("the README", () => {
  it("is a guide, not the reference: under 12 KB", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThan(12 * 1024);
  });

  it("names every page of docs/", () => {
    for (const page of PAGES.filter((p) => p.startsWith("docs/"))) expect(read("README.md")).toContain(`](${page})`);
  });
});

describe("docs/outputs.md", () => {
  // the tests compare every file's header with test/support/documented.ts: that list must be the page's
  it("defines every column the files are tested to have", () => {
    const page = read("docs/outputs.md");
    const columns = [DOCUMENTED_SUMMARY_HEADER, DOCUMENTED_TIMESERIES_HEADER, DOCUMENTED_DETECTIONS_HEADER].flatMap((h) => h.split(","));
    // a family is written once, its members by their ends: `detection_latency_mean_s`, `_p50_s`, ...
    const named = (c: string) => page.includes(`\`${c}\``) || page.includes(`\`_${c.split("_").slice(-2).join("_")}\``);
    expect(columns.filter((c) => !named(c))).toEqual([]);
  });
});
