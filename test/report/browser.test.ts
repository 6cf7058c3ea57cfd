// The reports as a person sees them: made by the built CLI from
// scenarios/10k-mobile.json and from a small sweep, opened in headless
// Chromium (Debian's package, driven by playwright-core). No console errors,
// no network request, every chart drawn with the marks its data calls for
// (counted), a tooltip on hover, and a screenshot kept. Without Chromium
// this test fails, it never skips: .ci/run installs it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sim, tempDir, writeJson } from "../cli/helpers.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// UPDATE_SCREENSHOTS=1 writes the README's picture; otherwise it goes to the temporary folder
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS === "1" ? join(ROOT, "docs", "report-10k-mobile.png") : undefined;

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), or set CHROMIUM to one`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // as root in a sandboxed machine with a closed network
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  dir = tempDir();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  // the report must work offline: anything but the file itself is refused and noted
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return { page, errors, requests };
}

/** the drawn marks of one kind in a chart: Vega's SVG renderer puts each mark's items in g.mark-<type> */
async function marks(page: Page, chart: string, type: "line" | "symbol" | "rect" | "rule"): Promise<number> {
  const item = type === "rule" ? "line" : "path";
  return page.locator(`#chart-${chart} g.mark-${type}[role=graphics-object] > ${item}`).count();
}

async function hoverShows(page: Page, selector: string, ...texts: string[]): Promise<void> {
  const target = page.locator(selector).first();
  await target.scrollIntoViewIfNeeded();
  await target.hover({ force: true });
  const tip = page.locator("#vg-tooltip-element.visible");
  await expect.poll(async () => tip.count(), { timeout: 5_000 }).toBe(1);
  const text = await tip.innerText();
  for (const t of texts) expect(text).toContain(t);
}

describe("report.html in Chromium", () => {
  it("a run: scenarios/10k-mobile.json, every chart drawn, tooltips, offline", async () => {
    const out = join(dir, "mobile");
    const r = sim(["run", join(ROOT, "scenarios/10k-mobile.json"), "--out", out, "--report"], dir);
    expect(r.code).toBe(0);
    // what docs/report.md shows it printing
    expect(r.stderr).toContain(`\nwrote ${out}/report.html (5 charts, 1.1 MB)\n`);
    expect(read("docs/report.md")).toContain("`wrote results/10k-mobile/report.html (5 charts, 1.1 MB)`");
    const about = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as { strategies: string[]; restarts: unknown[] };
    const n = about.strategies.length;
    const radio = readFileSync(join(out, "summary.csv"), "utf8").split("\n")[1].split(",")[26] !== "";
    const { page, errors, requests } = await open(join(out, "report.html"));

    expect(await page.locator(".chart").count()).toBe(5);
    expect(await page.locator(".chart[data-drawn=true]").count()).toBe(5);
    // one CDF line per strategy, a p50 and a p99 point each
    expect(await marks(page, "latency-cdf", "line")).toBe(n);
    expect(await marks(page, "latency-cdf", "symbol")).toBe(2 * n);
    // a panel per strategy, in and out lines in each
    expect(await marks(page, "server-load", "line")).toBe(2 * n);
    expect(await marks(page, "tracked", "line")).toBe(n);
    expect(await marks(page, "false-releases", "line")).toBe(n);
    // a bar per strategy and cost: messages, and with a radio model energy and wake-ups
    expect(await marks(page, "client-cost", "rect")).toBe((radio ? 3 : 1) * n);
    // the summary table: a row per strategy, one best cell highlighted at least
    expect(await page.locator("section.summary tbody tr").count()).toBe(n);
    expect(await page.locator("section.summary td.best").count()).toBeGreaterThan(0);

    // the first strategy's p50 point: its tooltip names it and gives summary.csv's p50, rounded
    const p50 = Number(readFileSync(join(out, "summary.csv"), "utf8").split("\n")[1].split(",")[14]).toFixed(3);
    await hoverShows(page, "#chart-latency-cdf g.mark-symbol[role=graphics-object] > path", about.strategies[0], "p50", p50);
    if (SCREENSHOT !== undefined) {
      await page.mouse.move(0, 0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height: 1500 }, fullPage: true });
    }
    await page.screenshot({ path: join(out, "report.png"), fullPage: true });
    expect(existsSync(join(out, "report.png"))).toBe(true);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 120_000);

  it("a sweep: trade-offs with intervals and the Pareto front, small multiples, tooltips", async () => {
    const file = writeJson(dir, "sw.json", {
      name: "sw",
      duration: "10m",
      replications: 3,
      clients: { count: 60, connect: { spread: "20s" }, crash: { fraction: 0.3, between: ["1m", "8m"] } },
      network: { link: { delay: { dist: "uniform", min: "20ms", max: "80ms" }, loss: { model: "bernoulli", p: 0.08 } } },
      strategies: [
        { name: "c", initiator: "client", interval: "30s", timeout: "75s" },
        { name: "s", initiator: "server", interval: "30s", timeout: "75s" },
      ],
      sweep: { vary: { "strategies.c.interval": ["10s", "20s", "30s"], "strategies.s.interval": ["10s", "20s", "30s"] }, zip: [["strategies.c.interval", "strategies.s.interval"]] },
    });
    const out = join(dir, "sweep");
    const r = sim(["sweep", file, "--out", out, "--report", "--svg", "--quiet"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const stats = readFileSync(join(out, "sweep-stats.csv"), "utf8").trim().split("\n").slice(1);
    const points = stats.length; // point-strategies
    const pareto = stats.filter((l) => l.endsWith(",true")).length;
    const { page, errors, requests } = await open(join(out, "report.html"));

    // three trade-offs, and the metrics against each of the two swept columns
    expect(await page.locator(".chart[data-drawn=true]").count()).toBe(5);
    for (const chart of ["tradeoff-fp", "tradeoff-load", "tradeoff-tx"]) {
      expect(await marks(page, chart, "symbol")).toBe(points);
      // the two strategies' values move together: one line each
      expect(await marks(page, chart, "line")).toBe(2);
      // a 95% interval both ways per point (3 replications)
      expect(await marks(page, chart, "rule")).toBe(2 * points);
    }
    expect(await marks(page, "metrics-by-1", "symbol")).toBeGreaterThan(points * 4);
    expect(await page.locator("section.summary tbody tr").count()).toBe(pareto);
    await hoverShows(page, "#chart-tradeoff-fp g.mark-symbol[role=graphics-object] > path", "strategies.c.interval_s", "Pareto front");
    await page.screenshot({ path: join(out, "report.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 120_000);
});
