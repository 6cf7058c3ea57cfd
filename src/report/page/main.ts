// The report page's script, bundled with Vega and vega-tooltip into one
// file that report.html carries inline (scripts/bundle.mjs): it draws each
// chart from its compiled Vega spec, as SVG, with tooltips on hover. A chart
// that cannot be drawn says so in its place and on the console, where the
// browser test looks.
import { parse, View, type Spec } from "vega";
import { Handler } from "vega-tooltip";

interface Embedded {
  readonly id: string;
  readonly vega: Spec;
}

async function draw(): Promise<void> {
  const data = document.getElementById("report-charts")?.textContent ?? "[]";
  const charts = JSON.parse(data) as Embedded[];
  const tooltip = new Handler({ theme: "light" }).call;
  for (const chart of charts) {
    const element = document.getElementById(`chart-${chart.id}`);
    if (element === null) {
      console.error(`no element for chart ${chart.id}`);
      continue;
    }
    try {
      const view = new View(parse(chart.vega), { renderer: "svg", container: element, hover: true, tooltip });
      await view.runAsync();
      element.dataset.drawn = "true";
    } catch (err) {
      element.textContent = `This chart could not be drawn: ${String(err)}`;
      console.error(err);
    }
  }
  document.body.dataset.ready = "true";
}

void draw();
