/**
 * Native Word charts for the draft's .docx. The `docx` package cannot write charts, so the draft
 * is built with a marker run where each chart goes, and this module patches the package with the
 * zip layer: one DrawingML chart part per chart (word/charts/chartN.xml, a clustered column chart
 * whose labels and values are cached in the part, so Word, WPS and LibreOffice draw it from the
 * part alone), a small embedded workbook with the same data behind each chart (so Word's 编辑数据
 * opens it in Excel), their relationships and content types, and an inline drawing in place of
 * each marker. excelts' own chart XML writers are internal to its workbook and Word writers, so
 * the few elements needed are written here; every text is escaped (titles and labels are the
 * township's own words).
 */
import { reportText as T } from "../messages/report";
import { escapeXml, NS_PACKAGE_REL, NS_REL, XML_DECLARATION } from "../xlsx/xml";
import { listZipEntries, readEntryText, writeZip, type OutEntry, type ZipEntry } from "../xlsx/zip";
import { SERIES_COLOURS } from "./layout";
import type { ReportChart } from "./schema";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The fonts of the document (GB/T 9704): 黑体 for the title, 仿宋_GB2312 for the rest. */
const FONTS = { title: "黑体", body: "仿宋_GB2312" };
/** Hundredths of a point: 小四 title, 小五 axes and legend, 六号 data labels. */
const SIZE = { title: 1200, body: 900, label: 750 };

/** The text width of the GB/T 9704 page (A4 less 28 + 26 mm), and a height that keeps labels legible. */
const EMU_PER_MM = 36000;
export const CHART_SIZE = { cx: Math.round((210 - 28 - 26) * EMU_PER_MM), cy: 68 * EMU_PER_MM };

/** The run the document carries where chart `index` goes: no properties, so no report text is ever one. */
export const chartMarker = (index: number) => `LEDGERLINE-CHART-${index}`;
const markerRun = (index: number) => `<w:r><w:t xml:space="preserve">${chartMarker(index)}</w:t></w:r>`;

/** Part names of chart `n` (1-based). */
export const chartPart = (n: number) => `word/charts/chart${n}.xml`;
export const chartRelsPart = (n: number) => `word/charts/_rels/chart${n}.xml.rels`;
export const workbookPart = (n: number) => `word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`;
const chartRelId = (n: number) => `rIdLlChart${n}`;

/** Spreadsheet column letters: 0 → A. */
function column(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The embedded sheet's layout: A1 empty, series names across row 1, labels down column A. */
const SHEET = "Sheet1";
const ref = (col: number, from: number, to = from) =>
  `${SHEET}!$${column(col)}$${from}${to === from ? "" : `:$${column(col)}$${to}`}`;

/**
 * How the values read, on the bars and on the axis: rates are shares (0–1) shown as percentages
 * with a decimal as the print view shows them, money with two decimals.
 */
function numberFormats(chart: ReportChart): { values: string; axis: string } {
  if (chart.type === "rate" || chart.type === "rates" || chart.type === "rateTable")
    return { values: "0.0%", axis: "0%" };
  return chart.type === "money" ? { values: "0.00", axis: "0.00" } : { values: "General", axis: "General" };
}

/** Character properties: size, colour and the Latin and East Asian typeface. */
function charProps(tag: "a:defRPr" | "a:rPr", size: number, font: string, bold = false): string {
  const lang = tag === "a:rPr" ? ' lang="zh-CN"' : "";
  return (
    `<${tag}${lang} sz="${size}" b="${bold ? 1 : 0}"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>` +
    `<a:latin typeface="${escapeXml(font)}"/><a:ea typeface="${escapeXml(font)}"/></${tag}>`
  );
}

/** `c:txPr`: the text properties of an axis, the legend or the data labels. */
const textProps = (size: number, font = FONTS.body) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${charProps("a:defRPr", size, font)}</a:pPr>` +
  `<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;

/** A title (the chart's or an axis'), as rich text so its font is the document's. */
function title(text: string, size: number, font: string, rotated = false): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr${rotated ? ' rot="-5400000" vert="horz"' : ""}/><a:lstStyle/>` +
    `<a:p><a:pPr>${charProps("a:defRPr", size, font)}</a:pPr><a:r>${charProps("a:rPr", size, font)}` +
    `<a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

const line = (colour: string) =>
  `<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>`;

/** The cached strings of a reference. */
const strCache = (texts: readonly string[]) =>
  `<c:strCache><c:ptCount val="${texts.length}"/>` +
  texts.map((t, i) => `<c:pt idx="${i}"><c:v>${escapeXml(t)}</c:v></c:pt>`).join("") +
  `</c:strCache>`;

/** The cached numbers of a reference: a null has no point, which the chart draws as a gap. */
const numCache = (values: readonly (number | null)[], format: string) =>
  `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${values.length}"/>` +
  values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("") +
  `</c:numCache>`;

/**
 * The chart part (`c:chartSpace`): a clustered column chart with one group per label and one bar
 * per series, the report's colours, the values on the bars, the legend below and the unit on the
 * value axis. Series read from the embedded sheet (`Sheet1!…`), with the data cached beside each
 * reference; `c:externalData` names the workbook for 编辑数据.
 */
export function chartSpaceXml(chart: ReportChart): string {
  const format = numberFormats(chart);
  const last = chart.labels.length + 1;
  const series = chart.series
    .map(
      (s, k) =>
        `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>` +
        `<c:tx><c:strRef><c:f>${ref(k + 1, 1)}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLOURS[k % SERIES_COLOURS.length].slice(1)}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${ref(0, 2, last)}</c:f>${strCache(chart.labels)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${ref(k + 1, 2, last)}</c:f>${numCache(
          chart.labels.map((_, i) => s.values[i] ?? null),
          format.values,
        )}</c:numRef></c:val></c:ser>`,
    )
    .join("");
  const labels =
    `<c:dLbls><c:numFmt formatCode="${escapeXml(format.values)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `${textProps(SIZE.label)}<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>` +
    `<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  const unit = chart.unit ?? (format.axis === "0%" ? "%" : null);
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_REL}">` +
    `<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title, SIZE.title, FONTS.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}${labels}` +
    `<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line("808080")}${textProps(SIZE.body)}` +
    `<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines>${line("D9D9D9")}</c:majorGridlines>` +
    (unit ? title(T.chartUnit(unit), SIZE.body, FONTS.body, true) : "") +
    `<c:numFmt formatCode="${escapeXml(format.axis)}" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line("808080")}${textProps(SIZE.body)}` +
    `<c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(SIZE.body)}</c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    textProps(SIZE.body) +
    `<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>` +
    `</c:chartSpace>`
  );
}

/** The chart part's relationships: its embedded workbook. */
function chartRelsXml(n: number): string {
  return (
    `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/package" Target="../embeddings/Microsoft_Excel_Worksheet${n}.xlsx"/>` +
    `</Relationships>`
  );
}

/** A cell of the embedded sheet: a number, an inline string, or nothing (a null stays empty). */
function cell(col: number, row: number, value: string | number | null): string {
  const r = `${column(col)}${row}`;
  if (value === null) return "";
  return typeof value === "number"
    ? `<c r="${r}"><v>${value}</v></c>`
    : `<c r="${r}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

/**
 * The chart's data as the smallest workbook Excel opens: one sheet of inline strings and numbers,
 * no styles. A few hundred bytes per chart, written with the zip layer, so the print view's lazy
 * Word chunk carries no spreadsheet library.
 */
export async function chartWorkbook(chart: ReportChart): Promise<Uint8Array> {
  const row = (n: number, cells: string) => `<row r="${n}">${cells}</row>`;
  const rows = [
    row(1, chart.series.map((s, k) => cell(k + 1, 1, s.name)).join("")),
    ...chart.labels.map((label, i) =>
      row(
        i + 2,
        cell(0, i + 2, label) + chart.series.map((s, k) => cell(k + 1, i + 2, s.values[i] ?? null)).join(""),
      ),
    ),
  ];
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const parts: Record<string, string> = {
    "[Content_Types].xml":
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `</Types>`,
    "_rels/.rels":
      `<Relationships xmlns="${NS_PACKAGE_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      `<workbook xmlns="${ns}" xmlns:r="${NS_REL}"><sheets>` +
      `<sheet name="${SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<Relationships xmlns="${NS_PACKAGE_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${ns}"><sheetData>${rows.join("")}</sheetData></worksheet>`,
  };
  const encoder = new TextEncoder();
  return writeZip(
    new Uint8Array(0),
    Object.entries(parts).map(([name, xml]) => ({ name, data: encoder.encode(XML_DECLARATION + xml) })),
  );
}

/** The inline drawing that shows chart `n` (1-based) at the text width. */
function inlineChartRun(n: number, chart: ReportChart): string {
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${CHART_SIZE.cx}" cy="${CHART_SIZE.cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    // Ids of drawing objects are unique in the document; the `docx` package writes no other drawing.
    `<wp:docPr id="${1000 + n}" name="图表 ${n}" descr="${escapeXml(chart.title)}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="${NS_A}"><a:graphicData uri="${NS_C}">` +
    `<c:chart xmlns:c="${NS_C}" xmlns:r="${NS_REL}" r:id="${chartRelId(n)}"/>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

function insertBefore(xml: string, closing: string, added: string): string {
  const at = xml.lastIndexOf(closing);
  if (at < 0) throw new Error(`no ${closing} to insert before`);
  return xml.slice(0, at) + added + xml.slice(at);
}

/**
 * Adds `charts` to a .docx written with `chartMarker(i)` runs: chart i replaces marker i. Throws
 * when a marker is missing or repeated, or a part cannot be read: the document is ours, so that is
 * a programmer's error, never the clerk's.
 */
export async function addCharts(docx: Uint8Array, charts: readonly ReportChart[]): Promise<Uint8Array> {
  if (!charts.length) return docx;
  const entries = listZipEntries(docx);
  if (typeof entries === "string") throw new Error(`the .docx is ${entries}`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const read = async (name: string) => {
    const text = await readEntryText(docx, byName.get(name));
    if (text === null) throw new Error(`the .docx has no readable ${name}`);
    return text;
  };
  const names = {
    document: "word/document.xml",
    rels: "word/_rels/document.xml.rels",
    types: "[Content_Types].xml",
  };
  let document = await read(names.document);
  let rels = await read(names.rels);
  let types = await read(names.types);

  const added: { name: string; data: Uint8Array }[] = [];
  const encoder = new TextEncoder();
  for (const [i, chart] of charts.entries()) {
    const n = i + 1;
    const parts = document.split(markerRun(i));
    if (parts.length !== 2) throw new Error(`chart marker ${i} found ${parts.length - 1} times`);
    document = parts.join(inlineChartRun(n, chart));
    rels = insertBefore(
      rels,
      "</Relationships>",
      `<Relationship Id="${chartRelId(n)}" Type="${REL}/chart" Target="charts/chart${n}.xml"/>`,
    );
    types = insertBefore(
      types,
      "</Types>",
      `<Override PartName="/${chartPart(n)}" ContentType="${CHART_TYPE}"/>`,
    );
    added.push(
      { name: chartPart(n), data: encoder.encode(chartSpaceXml(chart)) },
      { name: chartRelsPart(n), data: encoder.encode(chartRelsXml(n)) },
      { name: workbookPart(n), data: await chartWorkbook(chart) },
    );
  }
  if (!/Extension="xlsx"/i.test(types))
    types = insertBefore(types, "</Types>", `<Default Extension="xlsx" ContentType="${XLSX_TYPE}"/>`);

  const changed = new Map([
    [names.document, document],
    [names.rels, rels],
    [names.types, types],
  ]);
  const out: OutEntry[] = entries.map((e: ZipEntry) => {
    const text = changed.get(e.name);
    return text === undefined ? { name: e.name, copy: e } : { name: e.name, data: encoder.encode(text) };
  });
  return writeZip(docx, [...out, ...added]);
}
