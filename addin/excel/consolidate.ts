/**
 * 汇总全镇: one sheet per kind with every branch's current rows, replacing an earlier
 * consolidation. Text is written as text (an 18-digit 公民身份号码, 0012, 3-12 and TRUE keep what
 * they are), dates as date serials with a date format, money in the column's unit. Syncs: the old
 * sheets and the workbook's protection · every row (more only past 5 MB per request).
 */
import type { ColumnDef, Value } from "../../shared/kinds/types";
import { workbookText } from "../../shared/messages/workbook";
import { fromFen } from "../../shared/read/numbers";
import type { ConsolidatedInput } from "../../shared/xlsx/consolidated";
import { setA4, structureGuard } from "./sheets";
import { blockOps, callBytes, dateCell, rangeOf, runOps, textCell, type Op, type Written } from "./writer";

/** A normalised value as a written cell: lists joined, money from 分 to the column's unit, dates as dates. */
export function cellOf(def: ColumnDef | undefined, value: Value | undefined): Written {
  if (value === null || value === undefined) return textCell(null);
  if (Array.isArray(value)) return textCell(value.join(workbookText("listSeparator")));
  if (def?.type.t === "money" && typeof value === "number") return textCell(fromFen(value, def.type.unit));
  if (def?.type.t === "date" && typeof value === "string") return dateCell(value);
  return textCell(value);
}

export async function consolidateInExcel(input: ConsolidatedInput): Promise<void> {
  await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const names = input.kinds.map((k) =>
      workbookText("consolidatedSheet", { title: k.kind.title }).slice(0, 31),
    );
    const olds = names.map((n) => worksheets.getItemOrNullObject(n));
    const guard = structureGuard(context);
    await context.sync();
    guard.check();
    const ops: Op[] = [];
    input.kinds.forEach((k, i) => {
      const columns = k.kind.columns;
      const rows: Written[][] = [
        [workbookText("consolidatedBranch"), ...columns.map((c) => c.name)].map(textCell),
        ...k.rows.map((r) => [textCell(r.branch), ...columns.map((c) => cellOf(c, r.values[c.name]))]),
      ];
      let sheet!: Excel.Worksheet;
      ops.push(
        {
          size: callBytes(3, names[i]),
          queue: () => {
            if (!olds[i].isNullObject) olds[i].delete();
            sheet = worksheets.add(names[i]);
          },
        },
        ...blockOps(() => sheet, 0, rows),
        {
          size: callBytes(8),
          queue: () => {
            sheet.getRange(rangeOf(0, 0, 1, columns.length + 1)).format.font.bold = true;
            sheet.freezePanes.freezeRows(1);
            setA4(sheet, "landscape");
          },
        },
      );
    });
    await runOps(context, ops);
  });
}
