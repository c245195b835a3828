/**
 * `report` (issue 15): the 2025 年盘点 of 老牛湾镇 written as .docx from a real Worker holding the
 * sample ledgers, read back (unzip + word/document.xml): every figure equals /api/summary's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { figuresOf, formatFigure } from "../../shared/figures";
import { kindById } from "../../shared/kinds";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { SummaryResponse } from "../../shared/api";
import { SAMPLE_AS_OF } from "../fixtures";
import { submitSamples } from "../fixtures/submit-samples";
import { startLocalWorker, type LocalWorkerServer } from "../fixtures/worker-server";
import { docxCharts, documentBlocks, documentXml, tableAfter } from "../fixtures/docx";
import { PeriodReportSchema } from "../../shared/period-report/schema";
import { cli, stderrLines, tempDir } from "./helpers";

const tmp = tempDir();
const TOKENS = { admin: "report-admin", office: "report-office", branch: "report-branch" };
let worker: LocalWorkerServer | null = null;
let server = "";

/** `report --year 2025` with a role's token and further options. */
const report = (token: string, ...options: string[]) =>
  cli("report", "--server", server, "--token", token, "--year", "2025", ...options);

async function summaryOf(year: string): Promise<SummaryResponse> {
  const res = await fetch(`${server}/api/summary?year=${year}`, {
    headers: { Authorization: `Bearer ${TOKENS.office}` },
  });
  return (await res.json()) as SummaryResponse;
}

beforeAll(async () => {
  worker = await startLocalWorker({ tokens: TOKENS, registry: DEFAULT_REGISTRY, asOf: SAMPLE_AS_OF });
  server = worker.url;
  await submitSamples(server, TOKENS);
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  tmp.cleanup();
});

describe("report", () => {
  it("writes the 2025 年盘点 whose every figure, read back from the .docx, is /api/summary's", async () => {
    const out = tmp.path("年盘点.docx");
    const r = await report(TOKENS.office, "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`已写入 ${out}：老牛湾镇2025年年盘点（初稿）。标有【请补充】处请补写后再上报。\n`);

    const bytes = new Uint8Array(readFileSync(out));
    const blocks = documentBlocks(bytes);
    const [now, before] = [await summaryOf("2025"), await summaryOf("2024")];
    // Every kind filed in 2025 or 2024, in the catalogue's order: the office's five and the
    // branch's six of 2025, and the 考核评价表 (2024's).
    const lastOf = (kind: string) => before.kinds.find((x) => x.kind === kind);
    const shown = now.kinds.filter((k) => k.rows > 0 || (lastOf(k.kind)?.rows ?? 0) > 0);
    expect(shown.length).toBe(12);
    let checked = 0;
    shown.forEach((k, i) => {
      const kind = kindById(k.kind);
      if (!kind) throw new Error(k.kind);
      const last = lastOf(k.kind)?.total ?? {};
      const expected = figuresOf(kind.figures).map(([name, f]) => [
        f.label.zh,
        k.rows ? formatFigure(f, k.total[name] ?? null, "zh-CN") : "—",
        Object.keys(last).length ? formatFigure(f, last[name] ?? null, "zh-CN") : "—",
      ]);
      const table = tableAfter(blocks, `（${i + 1}）${k.title}（${k.rows} 行）`);
      expect([k.kind, table?.map((row) => row.slice(0, 3))]).toEqual([k.kind, expected]);
      checked += expected.length;
    });
    expect(checked).toBeGreaterThan(50);

    const paragraphs = blocks.flatMap((b) => ("paragraph" in b ? [b.paragraph] : []));
    expect(paragraphs[0]).toBe("老牛湾镇2025年年盘点（初稿）");
    expect(paragraphs).toContain("（一）一个牵头");
    expect(paragraphs.filter((p) => p.includes("【请补充】")).length).toBeGreaterThanOrEqual(10);
    // The branch table of 老牛湾村 and the township's dues arrears in counts only.
    expect(tableAfter(blocks, "老牛湾村党支部")?.length).toBeGreaterThan(10);
    // The sample roll holds full ID numbers; the draft holds none, nor any member's name.
    const xml = documentXml(bytes);
    expect(xml).not.toMatch(/\d{17}[\dXx]/);

    // The print view's charts, as Word charts: each with exactly /api/report's labels and values.
    const res = await fetch(`${server}/api/report?year=2025`, {
      headers: { Authorization: `Bearer ${TOKENS.office}` },
    });
    const { charts } = PeriodReportSchema.parse(await res.json());
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(docxCharts(bytes).map(({ part: _, ...c }) => c)).toEqual(
      charts.map((c) => ({ title: c.title, labels: c.labels, series: c.series })),
    );
  });

  it("writes a branch's 季总结 for admin and office, and refuses a branch another branch's", async () => {
    const out = tmp.path("季总结.docx");
    const own = await report(TOKENS.branch, "--quarter", "3", "--out", out);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("老牛湾镇老牛湾村党支部2025年第三季度季总结（初稿）");
    // A branch's charts compare its quarter with the quarter before and the year before.
    const res = await fetch(`${server}/api/report?year=2025&quarter=3`, {
      headers: { Authorization: `Bearer ${TOKENS.branch}` },
    });
    const { charts } = PeriodReportSchema.parse(await res.json());
    const drawn = docxCharts(new Uint8Array(readFileSync(out)));
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.map(({ part: _, ...c }) => c)).toEqual(
      charts.map((c) => ({ title: c.title, labels: c.labels, series: c.series })),
    );
    for (const c of drawn) expect(c.series.map((s) => s.name)).toEqual(["本期", "上期", "去年同期"]);

    const other = await report(TOKENS.branch, "--branch", "乾坤湾村", "--out", tmp.path("other.docx"));
    expect(other.code).toBe(2);
    expect(stderrLines(other)).toEqual([
      expect.stringContaining("没有权限（支部账号只能查看和报送本支部的台账）。"),
    ]);

    const bad = await report(TOKENS.office, "--quarter", "5", "--out", out);
    expect([bad.code, stderrLines(bad)[0]]).toEqual([
      2,
      "--quarter 的值“5”不是有效季度，应为 1、2、3 或 4。",
    ]);
  });
});
