/**
 * The draft as a Word document (the `docx` package) the clerk edits before it goes to the county:
 * A4 with the margins and fonts of 党政机关公文格式 (GB/T 9704), headings, every table with a
 * repeated header row and rows that never split across pages, and the print view's charts as
 * native Word charts where the print view shows them (the package's `ChartRun`: a chart part with
 * its data cached, and an embedded workbook so Word's 编辑数据 opens it).
 */
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import { ChartRun } from "docx/charts";
import { isRateType } from "../figures";
import { PLACEHOLDER, reportText as T } from "../messages/report";
import { SERIES_COLOURS, attentionTables, kindTable } from "./layout";
import type { PeriodReport, ReportChart, ReportTable } from "./schema";

/** GB/T 9704: A4, 37/35 mm top/bottom, 28/26 mm left/right (in twips). */
const MM = 56.7;
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: {
    top: Math.round(37 * MM),
    bottom: Math.round(35 * MM),
    left: Math.round(28 * MM),
    right: Math.round(26 * MM),
  },
};

const FONTS = { title: "方正小标宋简体", heading: "黑体", subheading: "楷体_GB2312", body: "仿宋_GB2312" };
/** Half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt. */
const SIZE = { title: 44, body: 32, table: 24 };

function runs(text: string, font: string, size: number, bold = false): ParagraphChild[] {
  // The placeholder is highlighted so the clerk finds every place to write.
  return text
    .split(/(【请补充】)/u)
    .filter(Boolean)
    .map(
      (part) =>
        new TextRun({
          text: part,
          font,
          size,
          bold,
          ...(part === PLACEHOLDER ? { highlight: "yellow" as const } : {}),
        }),
    );
}

const paragraph = (text: string, font = FONTS.body, size = SIZE.body, indent = true) =>
  new Paragraph({
    children: runs(text, font, size),
    spacing: { line: 560, lineRule: "exact" },
    ...(indent ? { indent: { firstLine: size * 20 } } : {}),
  });

const heading = (text: string, font: string) => paragraph(text, font, SIZE.body, true);

function table(columns: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text) =>
          new TableCell({
            children: [
              new Paragraph({
                children: runs(text, header ? FONTS.heading : FONTS.body, SIZE.table),
                alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(columns, true), ...rows.map((r) => row(r, false))],
  });
}

function tableBlock(t: ReportTable): (Paragraph | Table)[] {
  return [
    heading(t.title, FONTS.subheading),
    ...(t.rows.length
      ? [table(t.columns, t.rows), paragraph("", FONTS.body, SIZE.table, false)]
      : [paragraph(T.attention.none)]),
  ];
}

/** The text width of the GB/T 9704 page (A4 less 28 + 26 mm) in pixels at 96 dpi, and a height that keeps labels legible. */
export const CHART_PIXELS = {
  width: Math.round(((210 - 28 - 26) / 25.4) * 96),
  height: Math.round((68 / 25.4) * 96),
};

/** How a chart's values read: rates as percentages (one decimal on the bars), money with two decimals. */
function numberFormats(chart: ReportChart): { values: string; axis: string } {
  if (isRateType(chart.type)) return { values: "0.0%", axis: "0%" };
  return chart.type === "money" ? { values: "0.00", axis: "0.00" } : { values: "General", axis: "General" };
}

/**
 * A chart of the print view as a native Word column chart, centred in a paragraph of its own: one
 * group per label, one bar per series in the print view's colours, the values on the bars, the
 * legend below, the unit on the value axis, a null as a gap (never a zero).
 */
function chartParagraph(chart: ReportChart, index: number): Paragraph {
  const format = numberFormats(chart);
  const unit = chart.unit ?? (format.axis === "0%" ? "%" : null);
  const small = { size: 9 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [
      new ChartRun({
        type: "column",
        title: { text: chart.title, font: { name: FONTS.heading, size: 12, color: "000000" } },
        font: { name: FONTS.body },
        categories: chart.labels,
        series: chart.series.map((s, k) => ({
          name: s.name,
          values: s.values,
          color: SERIES_COLOURS[k % SERIES_COLOURS.length].slice(1).toUpperCase(),
        })),
        categoryAxis: { font: small },
        valueAxis: {
          minimum: 0,
          numberFormat: format.axis,
          font: small,
          ...(unit ? { title: { text: T.chartUnit(unit), font: small } } : {}),
        },
        dataLabels: { value: true, position: "outsideEnd", numberFormat: format.values, font: { size: 7.5 } },
        legend: { position: "bottom", font: small },
        emptyValues: "gap",
        gapWidth: 80,
        transformation: CHART_PIXELS,
        altText: { name: `图表 ${index + 1}`, description: chart.title },
      }),
    ],
  });
}

/** The document's parts in reading order. */
export function reportDocument(report: PeriodReport): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: runs(report.title, FONTS.title, SIZE.title), alignment: AlignmentType.CENTER }),
    new Paragraph({
      children: runs(report.subtitle, FONTS.subheading, SIZE.table),
      alignment: AlignmentType.CENTER,
    }),
    ...report.notes.map((n) => paragraph(n, FONTS.subheading, SIZE.table)),
    heading(T.sections.system, FONTS.heading),
  ];
  for (const part of report.system) {
    children.push(heading(part.heading, FONTS.subheading));
    for (const item of part.items) {
      children.push(paragraph(`${item.heading}。${item.lines.join("")}`));
    }
  }
  // The charts sit where the print view shows them: after the 143 system, before the figures.
  // A chart with nothing to show (no labels or no series) is left out, as the print view shows none.
  report.charts
    .filter((c) => c.labels.length && c.series.length)
    .forEach((c, i) => children.push(chartParagraph(c, i)));
  children.push(heading(T.sections.figures, FONTS.heading));
  report.kinds.forEach((kind, i) => children.push(...tableBlock(kindTable(report, kind, i))));
  if (report.missingKinds.length) children.push(paragraph(T.noData(report.missingKinds.join("、"))));
  if (report.branches.length) {
    children.push(heading(T.sections.branches, FONTS.heading));
    for (const b of report.branches) children.push(...tableBlock(b));
  }
  children.push(heading(T.sections.attention, FONTS.heading));
  for (const t of attentionTables(report)) children.push(...tableBlock(t));
  for (const c of report.closing) {
    children.push(heading(c.heading, FONTS.heading), ...c.lines.map((l) => paragraph(l)));
  }
  return new Document({
    creator: "台账通 Ledgerline",
    title: report.title,
    // The theme's body font for Chinese: the charts' Chinese text takes it (ChartRun names the
    // Latin typeface only); the text's runs name their fonts themselves.
    theme: { fonts: { body: { eastAsia: FONTS.body, scripts: { Hans: FONTS.body } } } },
    sections: [{ properties: { page: PAGE }, children }],
  });
}

/** The .docx file's bytes, charts included. */
export async function reportDocx(report: PeriodReport): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocument(report)));
}
