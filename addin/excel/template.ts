/**
 * 插入模板: the shared template layout (shared/template-layout.ts) drawn in this workbook — the
 * same title, headers, widths, dropdowns, hints and page setup as the .xlsx writer's. Lists
 * longer than Excel's 255-character typed limit go to the hidden list sheet and the validation
 * points at that range. Syncs: the sheet names and the workbook's protection · (the list sheet's
 * width, when it exists and is needed) · everything written.
 */
import type { KindDef } from "../../shared/kinds/types";
import type { Registry } from "../../shared/registry";
import { LIST_SHEET, templateLayout, widthInPoints, type ColumnLayout } from "../../shared/template-layout";
import { columnLetter } from "./address";
import { freeName, setA4, structureGuard } from "./sheets";
import { blockOps, callBytes, rangeOf, runOps, textCell, TEXT_FORMAT, type Op } from "./writer";

export async function insertTemplateInExcel(
  kind: KindDef,
  registry: Registry,
  year: number,
): Promise<string> {
  const layout = templateLayout(kind, registry, { year });
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    const guard = structureGuard(context);
    await context.sync();
    guard.check();
    const taken = new Set(worksheets.items.map((s) => s.name));
    const name = freeName(layout.sheetName, taken);

    // Long lists go after whatever an earlier template left on the list sheet.
    let offset = 0;
    const listExists = taken.has(LIST_SHEET);
    if (layout.lists.length && listExists) {
      const used = worksheets.getItem(LIST_SHEET).getUsedRangeOrNullObject(true);
      used.load("columnIndex, columnCount");
      await context.sync();
      offset = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
    }

    let sheet!: Excel.Worksheet;
    let lists!: Excel.Worksheet;
    const ops: Op[] = [];
    if (layout.lists.length) {
      ops.push({
        size: callBytes(3, LIST_SHEET),
        queue: () => {
          lists = listExists ? worksheets.getItem(LIST_SHEET) : worksheets.add(LIST_SHEET);
          lists.visibility = Excel.SheetVisibility.hidden;
        },
      });
      layout.lists.forEach((values, i) =>
        ops.push(
          ...blockOps(
            () => lists,
            0,
            values.map((v) => [textCell(v)]),
            offset + i,
          ),
        ),
      );
    }
    const width = layout.columns.length + 1;
    const top = layout.header.row - 1;
    ops.push(
      { size: callBytes(2, name), queue: () => void (sheet = worksheets.add(name)) },
      ...blockOps(() => sheet, 0, [[textCell(layout.title.text)]]),
      ...blockOps(() => sheet, top, [
        [layout.serial.header, ...layout.columns.map((c) => c.header)].map(textCell),
      ]),
      {
        size: callBytes(20),
        queue: () => {
          const title = sheet.getRange(rangeOf(0, 0, 1, width));
          title.merge(false);
          title.format.font.bold = true;
          title.format.font.size = layout.title.size;
          title.format.rowHeight = layout.title.height;
          title.format.horizontalAlignment = Excel.HorizontalAlignment.center;
          const header = sheet.getRange(rangeOf(top, 0, 1, width));
          header.format.font.bold = true;
          header.format.fill.color = `#${layout.header.fill}`;
          header.format.wrapText = true;
          header.format.rowHeight = layout.header.height;
          sheet.getRange("A:A").format.columnWidth = widthInPoints(layout.serial.width);
        },
      },
    );
    layout.columns.forEach((column, i) =>
      ops.push(
        columnOp(
          () => sheet,
          () => lists,
          column,
          i + 1,
          layout.rows,
          top + 1,
          offset,
        ),
      ),
    );
    ops.push({
      size: callBytes(12, layout.page.printTitleRows, layout.page.footer),
      queue: () => {
        sheet.freezePanes.freezeAt(rangeOf(0, 0, layout.freeze.rows, layout.freeze.columns));
        setA4(sheet, layout.page.orientation);
        sheet.pageLayout.setPrintTitleRows(`$${layout.page.printTitleRows.replace(":", ":$")}`);
        sheet.pageLayout.centerHorizontally = true;
        sheet.pageLayout.headersFooters.defaultForAllPages.centerFooter = layout.page.footer;
        sheet.activate();
      },
    });
    await runOps(context, ops);
    return name;
  });
}

/** One column: width, text format, dropdown (typed or from the list sheet), input hint. */
function columnOp(
  sheet: () => Excel.Worksheet,
  lists: () => Excel.Worksheet,
  column: ColumnLayout,
  col: number,
  rows: number,
  firstRow: number,
  offset: number,
): Op {
  const { dropdown, prompt, error } = column;
  return {
    size:
      callBytes(10, dropdown?.kind === "inline" ? dropdown.source : "", prompt, error) +
      (column.text ? rows * 8 : 0),
    queue: () => {
      const letter = columnLetter(col);
      sheet().getRange(`${letter}:${letter}`).format.columnWidth = widthInPoints(column.width);
      const cells = sheet().getRange(rangeOf(firstRow, col, rows, 1));
      if (column.text) cells.numberFormat = Array.from({ length: rows }, () => [TEXT_FORMAT]);
      if (dropdown && error) {
        const source =
          dropdown.kind === "inline"
            ? dropdown.source
            : lists().getRange(rangeOf(0, offset + dropdown.list, dropdown.values.length, 1));
        cells.dataValidation.rule = { list: { inCellDropDown: true, source } };
        cells.dataValidation.errorAlert = {
          showAlert: true,
          style: Excel.DataValidationAlertStyle.stop,
          title: error.title,
          message: error.message,
        };
      }
      cells.dataValidation.prompt = { showPrompt: true, title: prompt.title, message: prompt.message };
    },
  };
}
