// Vega-Lite specs compiled to Vega once, here, so that the page carries only
// the Vega runtime; and the same Vega specs drawn to SVG files (--svg) by
// Vega's own renderer, headless. Vega and Vega-Lite are ES modules and large:
// loaded only when a report is made, never by `sim run` alone.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Chart } from "./chart.js";

type VegaLite = typeof import("vega-lite");
type Vega = typeof import("vega");

const require = createRequire(import.meta.url);

/** beside this module when built (dist/report/, also the bundle's ../report/); from the sources, plain import() works */
function importer(): (url: string) => Promise<unknown> {
  const helper = fileURLToPath(new URL("../report/import-esm.cjs", import.meta.url));
  return existsSync(helper) ? (require(helper) as (url: string) => Promise<unknown>) : (url) => import(url);
}

const load = async <T>(name: string): Promise<T> => (await importer()(pathToFileURL(require.resolve(name)).href)) as T;

export interface CompiledChart {
  readonly id: string;
  /** the Vega spec */
  readonly vega: object;
}

export async function compileCharts(charts: readonly Chart[]): Promise<CompiledChart[]> {
  const vl = await load<VegaLite>("vega-lite");
  return charts.map((c) => ({ id: c.id, vega: vl.compile(c.spec).spec }));
}

export async function chartSvgs(charts: readonly CompiledChart[]): Promise<Map<string, string>> {
  const vega = await load<Vega>("vega");
  const out = new Map<string, string>();
  for (const c of charts) {
    const view = new vega.View(vega.parse(c.vega as import("vega").Spec), { renderer: "none" });
    out.set(c.id, await view.toSVG());
    view.finalize();
  }
  return out;
}
