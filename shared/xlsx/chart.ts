/**
 * Native Excel bar charts (DrawingML in the written .xlsx) through excelts' chart module, which
 * is opt-in: it is installed on first use so bundles that never chart do not carry it.
 */
import type { Worksheet } from "@cj-tech-master/excelts";
import { installChartSupport } from "@cj-tech-master/excelts/chart";

let installed = false;

export interface BarChartSpec {
  title: string;
  /** A1 range of the category labels, e.g. "A3:A8" (on the same sheet). */
  categories: string;
  series: { name: string; values: string }[];
  /** Where the chart sits, e.g. "H2:P20". */
  anchor: string;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function absolute(range: string): string {
  return range
    .split(":")
    .map((a) => a.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2"))
    .join(":");
}

/**
 * Installs excelts' chart support (once). Needed to write charts, and also to load workbooks that
 * contain charts: without it excelts refuses them.
 */
export function ensureChartSupport(): void {
  if (installed) return;
  installChartSupport();
  installed = true;
}

/** Adds a clustered column chart; returns the chart number. */
export function addBarChart(ws: Worksheet, spec: BarChartSpec): number {
  ensureChartSupport();
  const sheet = quoteSheet(ws.name);
  return ws.addColumnChart(
    {
      title: spec.title,
      series: spec.series.map((s) => ({
        name: s.name,
        categories: `${sheet}!${absolute(spec.categories)}`,
        values: `${sheet}!${absolute(s.values)}`,
      })),
    },
    spec.anchor,
  );
}
