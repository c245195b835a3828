/**
 * The township's consolidated workbook (`export`): one sheet per kind with every branch's current
 * rows and a 提交单位 column, and a 汇总 sheet with each kind's figures per branch and a chart.
 */
import { Workbook, type Worksheet } from "@cj-tech-master/excelts";
import { figureHeading, figureLabel, figureNumber, figureOf, sameAxis, type Summary } from "../figures";
import { workbookText } from "../messages/workbook";
import type { ColumnDef, KindDef, Value } from "../kinds/types";
import { addBarChart } from "./chart";
import { columnLetter } from "../read/cells";
import { fromFen } from "../read/numbers";
import { setA4, setText } from "./text";
import { displayWidth } from "./template";

export const SUMMARY_SHEET = "汇总";
export const BRANCH_COLUMN = "提交单位";

export interface ConsolidatedRow {
  /** The submitting branch (or the office). */
  branch: string;
  /** Canonical column name → normalised value (dates ISO, money in 分). */
  values: Record<string, Value>;
}

export interface ConsolidatedKind {
  kind: KindDef;
  rows: readonly ConsolidatedRow[];
  /** Summary figures per branch, and the township total. */
  byBranch?: Readonly<Record<string, Summary>>;
  total?: Summary;
  /** Branches that have reported, of all the registry's; absent or null for the office's own kinds. */
  branches?: { reported: number; expected: number } | null;
}

export interface ConsolidatedInput {
  /** e.g. "老牛湾镇". */
  township: string;
  year: string;
  kinds: readonly ConsolidatedKind[];
}

const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } } as const;

export function buildConsolidated(input: ConsolidatedInput): Workbook {
  const wb = new Workbook();
  wb.creator = "台账通 Ledgerline";
  const summary = wb.addWorksheet(SUMMARY_SHEET);
  for (const k of input.kinds) writeKindSheet(wb, k, input);
  writeSummarySheet(summary, input);
  return wb;
}

function writeKindSheet(wb: Workbook, k: ConsolidatedKind, input: ConsolidatedInput): void {
  const ws = wb.addWorksheet(k.kind.title.slice(0, 31));
  const columns = k.kind.columns;
  setText(
    ws.getCell(1, 1),
    workbookText("consolidatedTitle", { township: input.township, year: input.year, title: k.kind.title }),
  );
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns.length + 1);
  [BRANCH_COLUMN, ...columns.map((c) => c.name)].forEach((h, i) => {
    const cell = ws.getCell(2, i + 1);
    setText(cell, h);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  ws.getColumn(1).width = 18;
  columns.forEach(
    (c, i) => (ws.getColumn(i + 2).width = Math.min(40, Math.max(10, displayWidth(c.name) + 3))),
  );
  let r = 2;
  for (const row of k.rows) {
    r += 1;
    setText(ws.getCell(r, 1), row.branch);
    columns.forEach((def, i) => writeValue(ws, r, i + 2, def, row.values[def.name] ?? null));
  }
  ws.views = [{ state: "frozen", ySplit: 2, xSplit: 1 }];
  if (k.rows.length) ws.autoFilter = { from: { row: 2, col: 1 }, to: { row: r, col: columns.length + 1 } };
  setA4(ws, "landscape", { printTitlesRow: "1:2" });
}

function writeValue(ws: Worksheet, r: number, c: number, def: ColumnDef, value: Value): void {
  const cell = ws.getCell(r, c);
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) return setText(cell, value.join("、"));
  const t = def.type;
  if (t.t === "money" && typeof value === "number") {
    cell.value = fromFen(value, t.unit);
    cell.numFmt = t.unit === "万元" ? "0.00##" : "0.00";
    return;
  }
  if (t.t === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    cell.value = new Date(`${value}T00:00:00Z`);
    cell.numFmt = "yyyy-mm-dd";
    return;
  }
  if (typeof value === "string") return setText(cell, value);
  cell.value = value;
}

/** Numeric figure names of a kind, in the order they first appear. */
function numericFigures(k: ConsolidatedKind): string[] {
  const names: string[] = [];
  const sources = [k.total ?? {}, ...Object.values(k.byBranch ?? {})];
  for (const figures of sources) {
    for (const [name, v] of Object.entries(figures))
      if (typeof v === "number" && !names.includes(name)) names.push(name);
  }
  return names;
}

function writeSummarySheet(ws: Worksheet, input: ConsolidatedInput): void {
  setText(
    ws.getCell(1, 1),
    workbookText("consolidatedSummaryTitle", { township: input.township, year: input.year }),
  );
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getColumn(1).width = 20;
  let r = 3;
  for (const k of input.kinds) {
    const figures = numericFigures(k);
    const branches = Object.keys(k.byBranch ?? {});
    setText(ws.getCell(r, 1), k.kind.title);
    ws.getCell(r, 1).font = { bold: true, size: 13 };
    r += 1;
    if (!figures.length || !branches.length) {
      setText(ws.getCell(r, 1), workbookText("consolidatedNoData"));
      r += 2;
      continue;
    }
    if (k.branches && k.branches.reported < k.branches.expected) {
      // 合计 of 1 village in 6 is not the township's figure: say so above the table.
      setText(ws.getCell(r, 1), workbookText("consolidatedPartial", k.branches));
      ws.getCell(r, 1).font = { bold: true, color: { argb: "FFA4262C" } };
      r += 1;
    }
    const headerRow = r;
    const figureFor = (f: string) => figureOf(k.kind.figures, f);
    const label = (f: string) => figureLabel(figureFor(f), f, "zh-CN");
    [BRANCH_COLUMN, ...figures.map((f) => figureHeading(figureFor(f), f, "zh-CN"))].forEach((h, i) => {
      const cell = ws.getCell(r, i + 1);
      setText(cell, h);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      if (i > 0) ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 10, displayWidth(h) + 3);
    });
    for (const b of branches) {
      r += 1;
      setText(ws.getCell(r, 1), b);
      figures.forEach((f, i) => {
        const v = k.byBranch?.[b]?.[f];
        ws.getCell(r, i + 2).value = typeof v === "number" ? figureNumber(figureFor(f), v) : null;
      });
    }
    const lastBranchRow = r;
    r += 1;
    setText(
      ws.getCell(r, 1),
      k.branches ? workbookText("consolidatedTotalOf", k.branches) : workbookText("consolidatedTotal"),
    );
    ws.getCell(r, 1).font = { bold: true };
    figures.forEach((f, i) => {
      const v = k.total?.[f];
      const col = columnLetter(i + 1);
      // The total is written as a value (the Worker's figure), not a formula: some figures are not sums.
      ws.getCell(r, i + 2).value =
        typeof v === "number"
          ? figureNumber(figureFor(f), v)
          : { formula: `SUM(${col}${headerRow + 1}:${col}${lastBranchRow})` };
      ws.getCell(r, i + 2).font = { bold: true };
    });
    // Chart counts of one unit only: a rate (0–1) beside counts in the hundreds would be invisible,
    // and 人 beside 元 would mislead.
    const counts = figures
      .map((f, i) => ({ f, i, figure: figureFor(f) }))
      .filter(({ figure }) => figure?.type === "count");
    const charted = counts.filter(({ figure }) => sameAxis(figure, counts[0]?.figure)).slice(0, 3);
    const chartSeries = (charted.length ? charted : [{ f: figures[0], i: 0 }]).map(({ f, i }) => ({
      name: label(f),
      values: `${columnLetter(i + 1)}${headerRow + 1}:${columnLetter(i + 1)}${lastBranchRow}`,
    }));
    const chartTop = headerRow - 1;
    const chartLeft = Math.max(figures.length + 2, 6);
    addBarChart(ws, {
      title: workbookText("consolidatedChart", {
        title: k.kind.title,
        figures: chartSeries.map((c) => c.name).join(workbookText("listSeparator")),
      }),
      categories: `A${headerRow + 1}:A${lastBranchRow}`,
      series: chartSeries,
      anchor: `${columnLetter(chartLeft - 1)}${chartTop}:${columnLetter(chartLeft + 7)}${chartTop + 16}`,
    });
    r = Math.max(r + 2, chartTop + 18);
  }
  setA4(ws, "landscape");
}
