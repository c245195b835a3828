/**
 * The draft as a Word document (the `docx` package) the clerk edits before it goes to the county:
 * A4 with the margins and fonts of 党政机关公文格式 (GB/T 9704), headings, every table with a
 * repeated header row and rows that never split across pages, and the print view's charts as
 * native Word charts where the print view shows them (docx-charts.ts adds them after packing).
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
import { PLACEHOLDER, reportText as T } from "../messages/report";
import { addCharts, chartMarker } from "./docx-charts";
import { attentionTables, kindTable } from "./layout";
import type { PeriodReport, ReportTable } from "./schema";

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

/** Where chart `index` goes: a centred paragraph of its own, whose marker run becomes the chart. */
const chartPlace = (index: number) =>
  new Paragraph({
    children: [new TextRun(chartMarker(index))],
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
  });

/** The document's parts in reading order, with a marker where each chart goes. */
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
  report.charts.forEach((_, i) => children.push(chartPlace(i)));
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
    sections: [{ properties: { page: PAGE }, children }],
  });
}

/** The .docx file's bytes, charts included. */
export async function reportDocx(report: PeriodReport): Promise<Uint8Array> {
  const packed = new Uint8Array(await Packer.toArrayBuffer(reportDocument(report)));
  return addCharts(packed, report.charts);
}
