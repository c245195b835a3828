/**
 * The standalone page's stand-in for Excel's selection: a small read-only grid of the sheet
 * around a finding's cell, the cell highlighted, with the header row kept on top.
 */
import { Button } from "@fluentui/react-components";
import { columnLetter, parseRange } from "../../shared/read/cells";
import { serialToIso } from "../../shared/read/dates";
import type { CellValue, SheetInput } from "../../shared/workbook";
import { useI18n } from "./i18n";

/** Rows and columns shown on each side of the cell. */
const AROUND = 2;

/** A cell as a clerk typed it: a date column's serial number as its date. */
function cellText(value: CellValue, header: CellValue, date1904: boolean): string {
  if (value === null) return "";
  if (typeof value === "number" && typeof header === "string" && /日期|时间|年月/.test(header))
    return serialToIso(value, date1904) ?? String(value);
  return String(value);
}

export function CellPreview({
  sheet,
  date1904,
  cell,
  headerRow,
  onClose,
}: {
  sheet: SheetInput;
  date1904: boolean;
  cell: string;
  /** 1-based row of the ledger's header, or null when none was found. */
  headerRow: number | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const at = parseRange(cell);
  if (!at) return null;
  const row0 = at.r0;
  const col0 = at.c0;
  const top = Math.max(0, row0 - AROUND);
  const left = Math.max(0, col0 - AROUND);
  const rows = Array.from({ length: row0 + AROUND - top + 1 }, (_, i) => top + i);
  const header0 = headerRow !== null ? headerRow - 1 : null;
  // The header row stays in view when the window is below it: the clerk sees the column names.
  if (header0 !== null && header0 < top) rows.unshift(header0);
  const cols = Array.from({ length: col0 + AROUND - left + 1 }, (_, i) => left + i);
  const value = (r: number, c: number) => sheet.values[r]?.[c] ?? null;
  const caption = t("previewTitle", { sheet: sheet.name, cell });
  return (
    <div style={{ flexBasis: "100%", margin: "4px 0 4px 16px" }} data-preview={cell}>
      <table
        aria-label={caption}
        style={{
          borderCollapse: "collapse",
          fontSize: 12,
          maxWidth: "100%",
          display: "block",
          overflowX: "auto",
        }}
      >
        <caption style={{ textAlign: "left", fontWeight: 600 }}>{caption}</caption>
        <thead>
          <tr>
            <th />
            {cols.map((c) => (
              <th key={c} scope="col" style={{ color: "#424242", fontWeight: 400, padding: "0 4px" }}>
                {columnLetter(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row" style={{ color: "#424242", fontWeight: 400, padding: "0 4px" }}>
                {r + 1}
              </th>
              {cols.map((c) => {
                const target = r === row0 && c === col0;
                return (
                  <td
                    key={c}
                    aria-current={target ? "true" : undefined}
                    style={{
                      border: target ? "2px solid #B10E1C" : "1px solid #D1D1D1",
                      background: target ? "#FDE7E9" : r === header0 ? "#F3F3F3" : undefined,
                      padding: "1px 4px",
                      minWidth: "3em",
                      maxWidth: "12em",
                      overflow: "hidden",
                      textOverflow: "ellipsis",
                      whiteSpace: "nowrap",
                    }}
                  >
                    {cellText(value(r, c), header0 !== null ? value(header0, c) : null, date1904)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="small" appearance="subtle" onClick={onClose}>
        {t("close")}
      </Button>
    </div>
  );
}
