/**
 * 生成汇总: a 汇总 sheet with a native table of every sheet's figures, a native chart of errors
 * and warnings per sheet, a chart of the first breakdown figure, A4 landscape. Two syncs: the
 * old 汇总 sheet and the workbook's protection · everything written (more only past 5 MB).
 */
import { kindById, kindFigure } from "../../shared/kinds";
import { figureLabel, figureNumber, UNITS } from "../../shared/figures";
import { workbookText } from "../../shared/messages/workbook";
import type { SheetResult } from "../../shared/report";
import type { SummaryLabels } from "../host";
import { setA4, structureGuard } from "./sheets";
import { blockOps, callBytes, rangeOf, runOps, textCell, type Op, type Written } from "./writer";

const cells = (rows: readonly (readonly (string | number)[])[]): Written[][] =>
  rows.map((r) => r.map(textCell));

export async function writeSummaryInExcel(
  results: readonly SheetResult[],
  labels: SummaryLabels,
): Promise<void> {
  await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const old = worksheets.getItemOrNullObject(labels.sheetName);
    const guard = structureGuard(context);
    await context.sync();
    guard.check();

    const known = results.filter((r) => r.kind && r.summary);
    const figures: (string | number)[][] = [
      [
        workbookText("summarySheetColumn"),
        workbookText("summaryKindColumn"),
        labels.figure,
        labels.value,
        workbookText("summaryUnitColumn"),
      ],
    ];
    for (const r of known)
      for (const [name, v] of Object.entries(r.summary ?? {}))
        if (typeof v === "number") {
          // Rates in percent and money to the fen, each with its unit beside it: one column of mixed figures.
          const figure = kindFigure(r.kind, name);
          figures.push([
            r.sheet,
            kindById(r.kind ?? "")?.title ?? r.kind ?? "",
            figureLabel(figure, name, "zh-CN"),
            figureNumber(figure, v),
            figure?.unit ? UNITS[figure.unit].zh : "",
          ]);
        }
    const counts: (string | number)[][] = [
      [workbookText("summarySheetColumn"), workbookText("summaryErrors"), workbookText("summaryWarnings")],
      ...results.map((r) => [r.sheet, r.errors, r.warnings]),
    ];
    const breakdown = known
      .flatMap((r) => Object.entries(r.summary ?? {}).map(([name, v]) => ({ r, name, v })))
      .find(
        ({ v }) =>
          v &&
          typeof v === "object" &&
          !Array.isArray(v) &&
          Object.values(v).every((x) => typeof x === "number"),
      );

    let sheet!: Excel.Worksheet;
    const current = () => sheet;
    const ops: Op[] = [
      {
        size: callBytes(3, labels.sheetName),
        queue: () => {
          if (!old.isNullObject) old.delete();
          sheet = worksheets.add(labels.sheetName);
        },
      },
      ...blockOps(current, 0, cells(figures)),
      {
        size: callBytes(6),
        queue: () => {
          const table = sheet.tables.add(rangeOf(0, 0, figures.length, 5), true);
          table.style = "TableStyleMedium2";
          sheet.getRange("A:E").format.autofitColumns();
        },
      },
      ...blockOps(current, 0, cells(counts), 6),
      chartOp(
        current,
        Excel.ChartType.columnClustered,
        rangeOf(0, 6, counts.length, 3),
        workbookText("summaryCountsChart"),
        ["J2", "Q16"],
      ),
    ];
    if (breakdown) {
      const figure = figureLabel(kindFigure(breakdown.r.kind, breakdown.name), breakdown.name, "zh-CN");
      const block: (string | number)[][] = [
        [figure, labels.value],
        ...Object.entries(breakdown.v as Record<string, number>).map(([k, n]) => [k, n]),
      ];
      const top = counts.length + 2;
      ops.push(
        ...blockOps(current, top, cells(block), 6),
        chartOp(
          current,
          Excel.ChartType.barClustered,
          rangeOf(top, 6, block.length, 2),
          workbookText("summaryBreakdownChart", { sheet: breakdown.r.sheet, figure }),
          ["J18", "Q34"],
        ),
      );
    }
    ops.push({
      size: callBytes(5),
      queue: () => {
        setA4(sheet, "landscape");
        sheet.activate();
      },
    });
    await runOps(context, ops);
  });
}

function chartOp(
  sheet: () => Excel.Worksheet,
  type: Excel.ChartType,
  source: string,
  title: string,
  at: [string, string],
): Op {
  return {
    size: callBytes(6, source, title),
    queue: () => {
      const chart = sheet().charts.add(type, sheet().getRange(source), Excel.ChartSeriesBy.columns);
      // A chart title is plain text (ChartTitle.text), never a formula.
      chart.title.text = title;
      chart.setPosition(at[0], at[1]);
    },
  };
}
