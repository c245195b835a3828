/**
 * The Word draft's charts (the `docx` package's ChartRun): every chart of the report becomes a
 * native Word chart (DrawingML part, related and typed, with its workbook, drawn inline where the
 * print view shows it) carrying exactly the report's labels, series and values in the document's
 * fonts and the print view's colours; the rest of the document is what it was; LibreOffice opens it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Workbook } from "@cj-tech-master/excelts";
import { CHART_PIXELS, reportDocx } from "../../../shared/period-report/docx";
import {
  PeriodReportSchema,
  type PeriodReport,
  type ReportChart,
} from "../../../shared/period-report/schema";
import {
  documentBlocks,
  documentXml,
  docxCharts,
  docxParts,
  partText,
  relationshipsOf,
} from "../../fixtures/docx";

const TRICKY = `<&"'> 村`;

const table = (title: string) => ({ title, columns: ["指标", "本期"], rows: [["办结数", "3 件"]] });

/** A township's 年盘点 with three charts: one with a gap and a label and title with XML's specials. */
function report(charts: ReportChart[]): PeriodReport {
  return PeriodReportSchema.parse({
    title: "老牛湾镇2025年年盘点（初稿）",
    subtitle: "截至 2025-12-31",
    notes: ["数据来自各支部报送的台账。"],
    township: "老牛湾镇",
    branch: null,
    year: "2025",
    quarter: null,
    period: "2025",
    previousPeriod: null,
    lastYearPeriod: "2024",
    asOf: "2025-12-31",
    system: [
      {
        heading: "（一）一个牵头",
        items: [{ heading: "党建引领", lines: ["全年召开会议 12 次。【请补充】"] }],
      },
    ],
    kinds: [{ kind: "problems", title: "民情问题台账", rows: 3, figures: [] }],
    missingKinds: [],
    branches: [table("老牛湾村党支部")],
    attention: {
      openProblems: table("（一）超过 30 天未办结的民情问题"),
      disputesUp: table("（二）上报（已移交）的矛盾纠纷"),
      arrears: { title: "（三）党费欠缴（欠缴 3 个月以上人数）", columns: ["支部"], rows: [] },
      late: table("（四）逾期报送和未报送的台账"),
    },
    charts,
    closing: [{ heading: "四、存在的问题", lines: ["【请补充】"] }],
  });
}

const CHARTS: ReportChart[] = [
  {
    title: "民情问题台账：已解决",
    type: "count",
    unit: "件",
    labels: ["老牛湾村", "乾坤湾村", "镇直"],
    series: [
      { name: "本期", values: [12, 0, 3] },
      { name: "去年同期", values: [9, null, 4] },
    ],
  },
  {
    title: `${TRICKY}：活动`,
    type: "count",
    unit: "次",
    labels: ["老牛湾村", TRICKY],
    series: [
      { name: "本期", values: [5, 7] },
      { name: "去年同期", values: [null, 2] },
    ],
  },
  {
    title: "党费收缴台账：交纳率",
    type: "rate",
    unit: null,
    labels: ["老牛湾村"],
    series: [
      { name: "本期", values: [0.875] },
      { name: "上期", values: [0.5] },
      { name: "去年同期", values: [null] },
    ],
  },
];

const draft = report(CHARTS);
const bytes = await reportDocx(draft);
const parts = docxParts(bytes);

describe("the Word draft's charts", () => {
  it("adds a chart part per chart, related from the document and typed, with its workbook", () => {
    const rels = relationshipsOf(partText(parts, "word/_rels/document.xml.rels"));
    const types = partText(parts, "[Content_Types].xml");
    const charts = [...rels.values()].filter((r) => r.type.endsWith("/relationships/chart"));
    expect(charts.map((r) => r.target)).toEqual([
      "charts/chart1.xml",
      "charts/chart2.xml",
      "charts/chart3.xml",
    ]);
    for (const n of [1, 2, 3]) {
      const override = new RegExp(`<Override [^>]*PartName="/word/charts/chart${n}\\.xml"[^>]*/>`).exec(
        types,
      )?.[0];
      expect(override).toContain(
        'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
      );
      const own = relationshipsOf(partText(parts, `word/charts/_rels/chart${n}.xml.rels`));
      expect([...own.values()]).toEqual([
        {
          type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package",
          target: `../embeddings/Microsoft_Excel_Worksheet${n}.xlsx`,
        },
      ]);
      expect(parts.has(`word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`)).toBe(true);
      // The chart names its workbook, so Word's 编辑数据 opens it.
      const [id] = own.keys();
      expect(partText(parts, `word/charts/chart${n}.xml`)).toContain(`<c:externalData r:id="${id}">`);
    }
    // Every part is typed, by an override or its extension's default.
    for (const name of parts.keys()) {
      const ext = name.split(".").pop();
      const typed = types.includes(`PartName="/${name}"`) || types.includes(`Extension="${ext}"`);
      expect([name, typed]).toEqual([name, true]);
    }
  });

  it("carries exactly the report's titles, labels, series names and values, nulls as gaps", () => {
    expect(docxCharts(bytes).map(({ part: _, ...c }) => c)).toEqual(
      CHARTS.map((c) => ({ title: c.title, labels: c.labels, series: c.series })),
    );
    // A null is a missing point, never a zero; the chart draws missing points as gaps.
    const first = partText(parts, "word/charts/chart1.xml");
    expect(first).toContain('<c:dispBlanksAs val="gap"/>');
    expect(first.match(/<c:numCache>[\s\S]*?<\/c:numCache>/g)?.[1]).toBe(
      '<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/>' +
        '<c:pt idx="0"><c:v>9</c:v></c:pt><c:pt idx="2"><c:v>4</c:v></c:pt></c:numCache>',
    );
  });

  it("writes the fonts, the colours, the unit on the value axis and a rate as a percentage", () => {
    const [counts, , rates] = [1, 2, 3].map((n) => partText(parts, `word/charts/chart${n}.xml`));
    expect(counts).toContain('<a:latin typeface="黑体"/>');
    expect(counts).toContain('<a:latin typeface="仿宋_GB2312"/>');
    // Their Chinese text takes the theme's East Asian body font, set to the document's.
    expect(counts).toContain('<a:ea typeface="+mn-ea"/>');
    const minor = /<a:minorFont>[\s\S]*?<\/a:minorFont>/.exec(partText(parts, "word/theme/theme1.xml"))?.[0];
    expect(minor).toContain('<a:ea typeface="仿宋_GB2312"/>');
    expect(minor).toContain('<a:font script="Hans" typeface="仿宋_GB2312"/>');
    expect([...rates.matchAll(/<c:ser>.*?<a:srgbClr val="(\w+)"\/>/g)].map((m) => m[1])).toEqual([
      "C0392B",
      "7F8C8D",
      "D4A017",
    ]);
    expect(counts).toMatch(/<c:valAx>[\s\S]*<a:t>单位：件<\/a:t>[\s\S]*<\/c:valAx>/);
    expect(counts).toContain('<c:legend><c:legendPos val="b"/>');
    expect(rates).toMatch(/<c:valAx>[\s\S]*<a:t>单位：%<\/a:t>[\s\S]*<c:numFmt formatCode="0%"/);
  });

  it("keeps XML's special characters of a title and a label intact", () => {
    const tricky = partText(parts, "word/charts/chart2.xml");
    expect(tricky).toContain("<a:t>&lt;&amp;&quot;&apos;&gt; 村：活动</a:t>");
    expect(docxCharts(bytes)[1]).toMatchObject({ title: `${TRICKY}：活动`, labels: ["老牛湾村", TRICKY] });
    // Screen readers are told the chart's title, not a description in English.
    expect(documentXml(bytes)).toContain(`name="图表 2" descr="&lt;&amp;&quot;&apos;&gt; 村：活动"`);
  });

  it("puts the embedded workbook's cells where the chart's references point", async () => {
    const wb = new Workbook();
    await wb.xlsx.load(parts.get("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")!);
    const ws = wb.getWorksheet("Sheet1")!;
    const rows = [1, 2, 3, 4].map((r) => [1, 2, 3].map((c) => ws.getCell(r, c).value ?? null));
    expect(rows).toEqual([
      [null, "本期", "去年同期"],
      ["老牛湾村", 12, 9],
      ["乾坤湾村", 0, null],
      ["镇直", 3, 4],
    ]);
    const chart = partText(parts, "word/charts/chart1.xml");
    expect([...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1])).toEqual([
      "Sheet1!$B$1",
      "Sheet1!$A$2:$A$4",
      "Sheet1!$B$2:$B$4",
      "Sheet1!$C$1",
      "Sheet1!$A$2:$A$4",
      "Sheet1!$C$2:$C$4",
    ]);
  });

  it("draws each chart inline at the text width, after the 143 system and before the figures", () => {
    const blocks = documentBlocks(bytes);
    const xml = documentXml(bytes);
    const drawings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:drawing>[\s\S]*?<\/w:p>/g)].map(
      ([p]) => p,
    );
    expect(drawings.length).toBe(3);
    const extents = drawings.map((p) => /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(p)?.slice(1).map(Number));
    expect(extents).toEqual(Array(3).fill([CHART_PIXELS.width * 9525, CHART_PIXELS.height * 9525]));
    // 156 mm, to the pixel: A4's 210 mm less GB/T 9704's 28 mm and 26 mm margins (36,000 EMU a mm).
    expect(Math.abs(CHART_PIXELS.width * 9525 - 156 * 36000)).toBeLessThan(9525);
    const docPr = [...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(docPr).size).toBe(3);
    const texts = blocks.map((b) => ("paragraph" in b ? b.paragraph : "[table]"));
    const first = texts.indexOf("二、主要数据");
    expect(texts.slice(first - 3, first)).toEqual(["", "", ""]);
    expect(texts[first - 4]).toContain("党建引领");
  });

  it("keeps every paragraph and table the document has without charts", async () => {
    const without = documentBlocks(await reportDocx(report([])));
    const blocks = documentBlocks(bytes);
    const figures = blocks.findIndex((b) => "paragraph" in b && b.paragraph === "二、主要数据");
    expect([...blocks.slice(0, figures - 3), ...blocks.slice(figures)]).toEqual(without);
    expect(without.filter((b) => "table" in b).length).toBe(4);
  });

  it("leaves a draft without charts as the docx package wrote it", async () => {
    const none = await reportDocx(report([]));
    const names = [...docxParts(none).keys()];
    expect(names.some((n) => n.includes("chart"))).toBe(false);
    expect(documentXml(none)).not.toContain("<w:drawing>");
  });
});

/**
 * LibreOffice able to open a .docx, or why not: soffice on the PATH with its Writer installed
 * (a LibreOffice with only Calc, as some machines have, cannot load a .docx at all).
 */
function writer(): { soffice: string } | { missing: string } {
  const soffice = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, process.platform === "win32" ? "soffice.exe" : "soffice"))
    .find((file) => existsSync(file));
  if (!soffice) return { missing: "soffice is not on the PATH" };
  const program = dirname(realpathSync(soffice));
  if (!["swriter", "swriter.exe"].some((f) => existsSync(join(program, f))))
    return { missing: `LibreOffice Writer is not installed beside ${soffice}` };
  return { soffice };
}

const office = writer();
const work = mkdtempSync(join(tmpdir(), "ledgerline-docx-charts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Converts the draft with LibreOffice (headless, a private profile so no running office is touched). */
async function convert(docx: string, format: string): Promise<string> {
  if ("missing" in office) throw new Error(office.missing);
  const log = await new Promise<string>((resolve, reject) =>
    execFile(
      office.soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`,
        "--headless",
        "--convert-to",
        format,
        "--outdir",
        work,
        docx,
      ],
      { env: { ...process.env, HOME: work }, timeout: 120_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(`${stdout}\n${stderr}`),
    ),
  );
  const out = docx.replace(/\.docx$/, `.${format}`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${format}: ${log}`);
  return out;
}

const odfText = (xml: string) =>
  [...xml.matchAll(/<text:p>([^<]*)<\/text:p>/g)]
    .map((m) => m[1])
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

describe.skipIf("missing" in office)(
  `the Word draft in LibreOffice${"missing" in office ? ` (skipped: ${office.missing})` : ""}`,
  () => {
    const docx = join(work, "draft.docx");
    writeFileSync(docx, bytes);

    it("converts to PDF", async () => {
      const pdf = readFileSync(await convert(docx, "pdf")).toString("latin1");
      expect(pdf.startsWith("%PDF")).toBe(true);
      expect(pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }, 150_000);

    it("imports every chart as a bar chart with the report's title and data", async () => {
      // The flat ODF LibreOffice makes of the draft holds each chart it imported, with its data table.
      const fodt = readFileSync(await convert(docx, "fodt"), "utf8");
      const charts = [...fodt.matchAll(/<chart:chart\s[^>]*>[\s\S]*?<\/chart:chart>/g)].map(([chart]) => ({
        bar: chart.includes('chart:class="chart:bar"'),
        title: odfText(/<chart:title[^>]*>([\s\S]*?)<\/chart:title>/.exec(chart)?.[1] ?? ""),
        rows: [...chart.matchAll(/<table:table-row>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) =>
          [...row.matchAll(/<table:table-cell([^>]*)>([\s\S]*?)<\/table:table-cell>/g)].map(
            ([, attrs, cell]) => {
              const value = /office:value="([^"]*)"/.exec(attrs)?.[1];
              return value === undefined ? odfText(cell) : value === "NaN" ? null : Number(value);
            },
          ),
        ),
      }));
      expect(charts).toEqual(
        CHARTS.map((c) => ({
          bar: true,
          title: c.title,
          rows: [
            ["", ...c.series.map((s) => s.name)],
            ...c.labels.map((label, i) => [label, ...c.series.map((s) => s.values[i] ?? null)]),
          ],
        })),
      );
    }, 150_000);
  },
);
