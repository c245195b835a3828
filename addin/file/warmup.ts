/**
 * The standalone page readies itself for the clerk's first file while it waits for one: at idle
 * time after it opens, it builds a small sample ledger of every kind as an .xlsx, reads it with
 * the reader (three times) and checks it with the engine, and throws the result away. The clerk's
 * file is then read and checked by code the browser has already compiled: a 10,000-row ledger's
 * read took 116 ms and its check 72 ms when chosen as the page appeared, 51 ms and 56 ms once the
 * page had settled (the same build in one `npm run bench` run; docs/addin.md).
 *
 * The warm-up never touches the clerk's data, sends nothing anywhere, runs in steps of a few
 * milliseconds (no task over 50 ms), and stops as soon as a file is chosen.
 */
import type { ColumnType, KindDef } from "../../shared/kinds/types";
import { kindsOf } from "../../shared/kinds";
import { dayNumber } from "../../shared/read/dates";
import { columnLetter } from "../../shared/read/cells";
import { idCheckChar } from "../../shared/read/idcard";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import type { CellValue } from "../../shared/workbook";
import { readXlsx } from "../../shared/xlsx/read";
import { NS_MAIN, NS_PACKAGE_REL, NS_REL, XML_DECLARATION, escapeXml } from "../../shared/xlsx/xml";
import { dateToSerial } from "../../shared/xlsx/values";
import { writeZip } from "../../shared/xlsx/zip";
import { mark } from "./host";

/** Rows of each kind in the sample: enough for the browser to compile the per-cell and per-row code. */
export const SAMPLE_ROWS = 500;
/** Times the sample is read: with three passes the first file read ≈ 25 ms faster than with one. */
const READ_PASSES = 3;

const NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨勇", "赵敏", "黄磊", "周婷", "吴刚"];

/** A plausible cell for row i of a column of this type (dates are serials, as in a real file). */
function sampleValue(type: ColumnType, i: number, registry: Registry, today: number): CellValue {
  const pick = <T>(list: readonly T[]) => list[i % list.length];
  switch (type.t) {
    case "text":
      return `情况说明${i % 37}`;
    case "name":
    case "staff":
    case "staffList":
      return pick(registry.staff?.length ? registry.staff.map((s) => s.name) : NAMES);
    case "date":
    case "month":
      return dateToSerial(new Date((today - (i % 300)) * 86_400_000), false);
    case "int":
    case "num":
    case "money": {
      const low = type.min ?? 0;
      const high = type.max ?? low + 100;
      return Math.min(high, low + (i % 9) + 1);
    }
    case "enum":
      return pick(type.values);
    case "list":
      return type.values?.length ? pick(type.values) : `事项${i % 5}`;
    case "branch":
      return pick(registry.branches).name;
    case "mobile":
    case "phone":
      return `138${String(i).padStart(8, "0")}`;
    case "payment":
      return i % 3 ? "√" : 30;
    case "id18": {
      // Never a valid number (its check character is always wrong): the sample holds no one's ID.
      const first17 = `14093219800101${String(i % 1000).padStart(3, "0")}`;
      return `${first17}${idCheckChar(first17) === "1" ? "2" : "1"}`;
    }
  }
}

/** One sheet's rows: the title, the header (序号 and the kind's columns), then the sample rows. */
function sampleRows(kind: KindDef, registry: Registry, today: number): CellValue[][] {
  const year = new Date(today * 86_400_000).getUTCFullYear();
  const rows: CellValue[][] = [
    [`${registry.township.name}${kind.title}（${year}年）`],
    ["序号", ...kind.columns.map((c) => c.name)],
  ];
  for (let i = 1; i <= SAMPLE_ROWS; i++)
    rows.push([i, ...kind.columns.map((c) => sampleValue(c.type, i, registry, today))]);
  return rows;
}

/** A sheet's XML as Excel writes it: strings shared, dates as serials in a date format, the title merged. */
function sheetXml(
  rows: readonly CellValue[][],
  dateColumns: ReadonlySet<number>,
  strings: Map<string, number>,
) {
  const body = rows.map((cells, r) => {
    const xml = cells.map((v, c) => {
      const ref = `${columnLetter(c)}${r + 1}`;
      if (typeof v === "string") {
        let index = strings.get(v);
        if (index === undefined) strings.set(v, (index = strings.size));
        return `<c r="${ref}" t="s"><v>${index}</v></c>`;
      }
      if (typeof v === "number")
        return `<c r="${ref}"${dateColumns.has(c) && r > 1 ? ` s="1"` : ""}><v>${v}</v></c>`;
      return "";
    });
    return `<row r="${r + 1}">${xml.join("")}</row>`;
  });
  const width = Math.max(...rows.map((r) => r.length));
  return (
    `${XML_DECLARATION}<worksheet xmlns="${NS_MAIN}"><sheetData>${body.join("")}</sheetData>` +
    `<mergeCells count="1"><mergeCell ref="A1:${columnLetter(width - 1)}1"/></mergeCells></worksheet>`
  );
}

/** A sample .xlsx with one sheet per kind. */
export async function sampleWorkbook(
  registry: Registry,
  asOf: string,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  const today = dayNumber(asOf);
  const kinds = kindsOf(registry);
  const strings = new Map<string, number>();
  const sheets: string[] = [];
  for (const kind of kinds) {
    // A sheet at a time, the page free in between.
    await pause();
    if (signal?.aborted) return null;
    const dates = new Set<number>();
    kind.columns.forEach((c, i) => {
      if (c.type.t === "date" || c.type.t === "month") dates.add(i + 1);
    });
    sheets.push(sheetXml(sampleRows(kind, registry, today), dates, strings));
  }
  const sst = [...strings.keys()].map((s) => `<si><t>${escapeXml(s)}</t></si>`).join("");
  const files: [string, string][] = [
    [
      "[Content_Types].xml",
      `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `${XML_DECLARATION}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
        kinds
          .map(
            (k, i) =>
              `<sheet name="${escapeXml(k.title.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`,
          )
          .join("") +
        `</sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}">` +
        `<Relationship Id="rId1" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
        kinds
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 3}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join("") +
        `</Relationships>`,
    ],
    [
      "xl/styles.xml",
      `${XML_DECLARATION}<styleSheet xmlns="${NS_MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
    [
      "xl/sharedStrings.xml",
      `${XML_DECLARATION}<sst xmlns="${NS_MAIN}" uniqueCount="${strings.size}">${sst}</sst>`,
    ],
    ...sheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
  ];
  const encoder = new TextEncoder();
  return writeZip(
    new Uint8Array(0),
    files.map(([name, text]) => ({ name, data: encoder.encode(text) })),
  );
}

/** Lets the page handle a click between two steps. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Marked on the page's performance timeline when the warm-up has finished (the bench waits for it). */
export const WARMED_UP_MARK = "ledgerline:warmed-up";

/**
 * Reads the sample (three times) and checks it (a sheet at a time); stops when `signal` is aborted. Failures
 * are swallowed: the warm-up is an optimisation, never a step the clerk waits on.
 */
export async function warmUp(
  asOf: string,
  signal: AbortSignal,
  registry: Registry = DEFAULT_REGISTRY,
): Promise<"done" | "stopped" | "failed"> {
  try {
    const [{ validateWorkbook }, bytes] = await Promise.all([
      import("../../shared/engine"),
      sampleWorkbook(registry, asOf, signal),
    ]);
    if (!bytes || signal.aborted) return "stopped";
    // The reader's per-cell code is fully compiled only after a few passes; the engine's after one.
    let read: Awaited<ReturnType<typeof readXlsx>> | null = null;
    for (let pass = 0; pass < READ_PASSES; pass++) {
      read = await readXlsx(bytes, { signal });
      if (!read.ok) return read.problem === "aborted" ? "stopped" : "failed";
    }
    if (!read?.ok) return "failed";
    for (const sheet of read.workbook.sheets) {
      await pause();
      if (signal.aborted) return "stopped";
      validateWorkbook({ sheets: [sheet], date1904: false }, { asOf, registry });
    }
    mark(WARMED_UP_MARK);
    return "done";
  } catch {
    // A browser without CompressionStream or the like: the first file is simply read cold.
    return "failed";
  }
}
