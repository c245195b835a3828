/**
 * Annotates a workbook with the engine's findings: each finding's cell gets a fill (errors
 * light red, warnings light yellow) and a note; an existing note is kept and ours appended.
 * A 校验结果 sheet lists every finding.
 */
import type { Cell, Workbook, Worksheet } from "@cj-tech-master/excelts";
import type { Finding, Severity } from "../findings";
import type { SheetReport } from "../report";
import { setA4, setText } from "./text";

export const RESULT_SHEET = "校验结果";
export const ERROR_FILL = "FFFFC7CE";
export const WARNING_FILL = "FFFFEB9C";
const NOTE_MARK = "【台账校验】";

export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export interface AnnotateOptions {
  /** Title row of the 校验结果 sheet, e.g. the file name and as-of date. */
  caption?: string;
}

export function annotate(wb: Workbook, results: readonly SheetReport[], options: AnnotateOptions = {}): void {
  const findings = results.flatMap((r) => r.findings);
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.cell || f.severity === "info") continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  for (const [key, list] of byCell) {
    const [sheetName, address] = key.split("\u0000");
    const ws = wb.getWorksheet(sheetName);
    if (!ws) continue;
    const cell = ws.getCell(address);
    // A finding inside a merged area is shown on the area's visible (top-left) cell.
    markCell(cell.isMerged && cell.master ? cell.master : cell, list);
  }
  writeResultSheet(wb, findings, options.caption);
}

function markCell(cell: Cell, findings: readonly Finding[]): void {
  const worst = findings.some((f) => f.severity === "error") ? ERROR_FILL : WARNING_FILL;
  // A fresh style object: excelts may share one style between the cells of a row or column.
  cell.style = {
    ...cell.style,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: worst }, bgColor: { argb: worst } },
  };
  const ours =
    NOTE_MARK + findings.map((f) => (f.hint ? `${f.message}\n建议：${f.hint}` : f.message)).join("\n");
  const existing = noteText(cell.note);
  cell.note = existing ? `${existing}\n\n${ours}` : ours;
}

export function noteText(note: unknown): string {
  if (typeof note === "string") return note;
  if (note && typeof note === "object" && Array.isArray((note as { texts?: unknown }).texts)) {
    return (note as { texts: { text?: unknown }[] }).texts
      .map((t) => (typeof t.text === "string" ? t.text : ""))
      .join("");
  }
  return "";
}

const RESULT_COLUMNS = [
  { header: "工作表", width: 22 },
  { header: "单元格", width: 9 },
  { header: "级别", width: 7 },
  { header: "代码", width: 16 },
  { header: "列", width: 16 },
  { header: "问题", width: 60 },
  { header: "建议", width: 44 },
] as const;

function writeResultSheet(
  wb: Workbook,
  findings: readonly Finding[],
  caption: string | undefined,
): Worksheet {
  const old = wb.getWorksheet(RESULT_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(RESULT_SHEET);
  ws.columns = RESULT_COLUMNS.map((c) => ({ width: c.width }));
  let r = 1;
  if (caption) {
    setText(ws.getCell(r, 1), caption);
    ws.getCell(r, 1).font = { bold: true, size: 13 };
    r += 1;
  }
  const headerRow = r;
  RESULT_COLUMNS.forEach((c, i) => {
    const cell = ws.getCell(r, i + 1);
    setText(cell, c.header);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  });
  for (const f of findings) {
    r += 1;
    const row = [
      f.sheet,
      f.cell ?? "",
      SEVERITY_LABEL[f.severity],
      f.code,
      f.column ?? "",
      f.message,
      f.hint ?? "",
    ];
    row.forEach((text, i) => setText(ws.getCell(r, i + 1), text));
    const fill = f.severity === "error" ? ERROR_FILL : f.severity === "warning" ? WARNING_FILL : null;
    if (fill) ws.getCell(r, 3).fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  }
  if (findings.length === 0) setText(ws.getCell(r + 1, 1), "未发现问题。");
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  if (findings.length)
    ws.autoFilter = { from: { row: headerRow, col: 1 }, to: { row: r, col: RESULT_COLUMNS.length } };
  setA4(ws, "landscape");
  return ws;
}
