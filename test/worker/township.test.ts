/**
 * Issue 13 through the real Worker and D1: a township's own 防汛值班台账 from its registry —
 * template, a filled workbook with planted mistakes, the exact findings, submission, the status
 * column, the consolidated sheet and the figures; registry versions with their changes; invalid
 * registries refused on their fields in Chinese; a re-judge (dry run, then apply) after a branch
 * is set to have no 党小组.
 */
import { env } from "cloudflare:test";
import { Workbook } from "@cj-tech-master/excelts";
import { beforeAll, describe, expect, it } from "vitest";
import { kindsOf } from "../../shared/kinds";
import type { Registry } from "../../shared/registry";
import type { CellValue } from "../../shared/workbook";
import { buildConsolidated } from "../../shared/xlsx/consolidated";
import { buildTemplate } from "../../shared/xlsx/template";
import { workbookToInput } from "../../shared/xlsx/convert";
import { FLOOD_DUTY, FLOOD_REGISTRY, FLOOD_SHEET, FLOOD_SHEET_CLEAN } from "../fixtures/township";
import { loadRegistry } from "../../worker/db/registry";
import { ApiError } from "../../worker/errors";
import { rejudge } from "../../worker/submit/rejudge";
import { BRANCH1, call, newKey, seedUsers } from "./helpers";

/** A 防汛值班台账 made from the Worker's own template, its data rows filled with `rows`. */
async function filledTemplate(registry: Registry, rows: readonly CellValue[][]) {
  const kind = kindsOf(registry).find((k) => k.id === FLOOD_DUTY.id);
  if (!kind) throw new Error("the registry has no 防汛值班台账");
  const wb = buildTemplate(kind, { registry, year: 2025 });
  const ws = wb.worksheets[0];
  // The template's header is on row 2, under its title; data from row 3, after the 序号 column.
  rows.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(3 + i, 2 + j).value = v)));
  const read = new Workbook();
  await read.xlsx.load(await wb.xlsx.writeBuffer());
  const sheet = workbookToInput(read).sheets[0];
  return { name: sheet.name, values: sheet.values, merges: sheet.merges, date1904: false };
}

const floodSubmission = (sheet: Awaited<ReturnType<typeof filledTemplate>>) => ({
  kind: "flood-duty",
  period: "2025",
  sheetName: sheet.name,
  sheet: { values: sheet.values, merges: sheet.merges, date1904: false },
  idempotencyKey: newKey(),
});

/** 老牛湾村's 三会一课 of January–September 2025, every type held on time but no 党小组会 at all. */
function meetingsWithoutPartyGroups(): CellValue[][] {
  const rows: CellValue[][] = [["支部", "日期", "会议类型", "应到人数", "实到人数", "主题"]];
  for (let m = 1; m <= 9; m++) {
    const mm = String(m).padStart(2, "0");
    rows.push(["老牛湾村", `2025-${mm}-05`, "支部委员会", 5, 5, "研究工作"]);
    rows.push(["老牛湾村", `2025-${mm}-10`, "主题党日", 20, 18, "学习"]);
    if (m % 3 === 0) {
      rows.push(["老牛湾村", `2025-${mm}-20`, "支部党员大会", 20, 15, "通报"]);
      rows.push(["老牛湾村", `2025-${mm}-25`, "党课", 20, 16, "党课"]);
    }
  }
  return rows;
}

let floodId = "";
let meetingsId = "";

beforeAll(async () => {
  await seedUsers();
});

describe("a township's 防汛值班台账, from its registry to the township's figures", () => {
  it("is stored as registry version 1, with who and what changed", async () => {
    const put = await call("admin", "PUT", "/api/registry", FLOOD_REGISTRY);
    expect([put.status, put.body.version, put.body.registry.ledgers]).toEqual([200, 1, [FLOOD_DUTY]]);
    const versions = await call("admin", "GET", "/api/registry/versions");
    expect(versions.body).toEqual({
      current: 1,
      versions: [
        {
          version: 1,
          createdAt: expect.any(String),
          createdBy: "镇管理员",
          changes: ["新增本镇台账“防汛值班台账”（5 列）"],
        },
      ],
    });
    const audit = await call("admin", "GET", "/api/audit?from=2000-01-01&to=2100-01-01");
    const entry = audit.body.entries.find((e: { action: string }) => e.action === "registry.put");
    expect(entry.detail).toMatchObject({ version: 1, changes: ["新增本镇台账“防汛值班台账”（5 列）"] });
  });

  it("refuses the filled template's planted mistakes with the exact findings", async () => {
    const { body: stored } = await call("branch1", "GET", "/api/registry");
    const sheet = await filledTemplate(stored.registry, FLOOD_SHEET.slice(2));
    const res = await call("branch1", "POST", "/api/submissions", floodSubmission(sheet));
    expect(res.status).toBe(422);
    // The template's header is row 2 and column A is 序号: the planted cells move one column right.
    expect(
      res.body.error.details.findings.map((f: { code: string; cell: string }) => [f.code, f.cell]),
    ).toEqual([
      ["range", "E5"],
      ["enum", "F6"],
      ["unknown-branch", "D7"],
      ["required", "C8"],
    ]);
  });

  it("takes the corrected sheet, judged with registry version 1", async () => {
    const { body: stored } = await call("branch1", "GET", "/api/registry");
    const sheet = await filledTemplate(stored.registry, FLOOD_SHEET_CLEAN.slice(2));
    const res = await call("branch1", "POST", "/api/submissions", floodSubmission(sheet));
    expect([res.status, res.body.rows, res.body.warnings]).toEqual([201, 4, 0]);
    floodId = res.body.id;
    const detail = await call("branch1", "GET", `/api/submissions/${floodId}`);
    expect(detail.body.registryVersion).toBe(1);
  });

  it("has a column in 报送情况: 老牛湾村's sheet in it, the other branches' still to come", async () => {
    const res = await call("admin", "GET", "/api/status?year=2025");
    expect(res.body.kinds).toContainEqual({
      id: "flood-duty",
      title: "防汛值班台账",
      grain: "year",
      scope: "branch",
    });
    const cell = (scope: string) =>
      res.body.rows
        .find((r: { scope: string }) => r.scope === scope)
        ?.cells.find((c: { kind: string }) => c.kind === "flood-duty");
    // Stored today (the real clock), after the 2025 sheet's due day in January 2026: late.
    expect([cell(BRANCH1)?.state, cell(BRANCH1)?.submissionId]).toEqual(["late", floodId]);
    expect(cell("乾坤湾村党支部")?.state).toBe("pending");
    // The office files no branch ledger of its own.
    expect(cell("office")).toBeUndefined();
  });

  it("has its figures in the township's summary and a sheet in the consolidated export", async () => {
    const summary = await call("office", "GET", "/api/summary?year=2025");
    const flood = summary.body.kinds.find((k: { kind: string }) => k.kind === "flood-duty");
    const figures = {
      rows: 4,
      "sum:人数": 8,
      "by:村": { 老牛湾村党支部: 4 },
      "by:险情": { 无: 2, 一般: 1, 较大: 1 },
    };
    expect(flood).toEqual({
      kind: "flood-duty",
      title: "防汛值班台账",
      byBranch: { [BRANCH1]: figures },
      total: figures,
      rows: 4,
      // One branch of the registry's six has reported this ledger.
      branches: { reported: 1, expected: 6 },
    });

    const records = await call("office", "GET", "/api/records/flood-duty?year=2025");
    expect(records.body.columns).toEqual(["提交单位", "日期", "值班人", "村", "人数", "险情"]);
    // The CLI's export builds its workbook from these answers and the registry's kinds.
    const { body: stored } = await call("office", "GET", "/api/registry");
    const kind = kindsOf(stored.registry).find((k) => k.id === "flood-duty");
    if (!kind) throw new Error("no kind");
    const wb = buildConsolidated({
      township: "老牛湾镇",
      year: "2025",
      kinds: [
        {
          kind,
          rows: records.body.rows.map((r: { values: Record<string, CellValue> }) => ({
            branch: r.values["提交单位"],
            values: r.values,
          })),
          byBranch: flood.byBranch,
          total: flood.total,
        },
      ],
    });
    const ws = wb.getWorksheet("防汛值班台账");
    expect(ws?.getRow(2).values).toEqual([undefined, "提交单位", "日期", "值班人", "村", "人数", "险情"]);
    const rows = [3, 4, 5, 6].map((r) => (ws?.getRow(r).values as unknown[]).slice(1).map(String));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
      [BRANCH1, "张三", BRANCH1, "2", "无"],
      [BRANCH1, "李四", BRANCH1, "3", "无"],
      [BRANCH1, "王五", BRANCH1, "1", "一般"],
      [BRANCH1, "赵六", BRANCH1, "2", "较大"],
    ]);
    // The 汇总 sheet: the ledger's numeric figures under the labels its columns give them.
    const summarySheet = wb.getWorksheet("汇总");
    expect([4, 5].map((r) => (summarySheet?.getRow(r).values as unknown[]).slice(1))).toEqual([
      ["提交单位", "行数（条）", "人数合计（个）"],
      [BRANCH1, 4, 8],
    ]);
  });
});

describe("an invalid registry", () => {
  it("is refused with every problem on its field in Chinese, and stores no version", async () => {
    const bad = {
      ...FLOOD_REGISTRY,
      branches: [...FLOOD_REGISTRY.branches, { name: "老牛湾村党支部" }],
      ledgers: [
        { ...FLOOD_DUTY, id: "members" },
        {
          ...FLOOD_DUTY,
          id: "grid",
          title: "网格员台账",
          columns: [FLOOD_DUTY.columns[0], { name: "类别", type: "enum" }],
        },
      ],
    };
    const res = await call("admin", "PUT", "/api/registry", bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad-request");
    expect(res.body.error.details.issues).toEqual([
      {
        path: "ledgers.1.columns.1.values",
        place: "本镇台账第 2 种“网格员台账” · 第 2 列“类别” · 可选值",
        message: "可选值列表不能为空：请至少列出一个允许的值",
      },
      {
        path: "branches.6.name",
        place: "第 7 个支部“老牛湾村党支部” · 名称",
        message: "“老牛湾村党支部”与第 1 个支部“老牛湾村党支部”重名，无法区分",
      },
      {
        path: "ledgers.0.id",
        place: "本镇台账第 1 种“防汛值班台账” · 编号",
        message: "编号“members”已是内置台账“党员花名册”的编号，请换一个",
      },
    ]);
    expect(res.body.error.message).toBe(
      "登记信息有 3 处需要修改：本镇台账第 2 种“网格员台账” · 第 2 列“类别” · 可选值：可选值列表不能为空：请至少列出一个允许的值",
    );
    const versions = await call("admin", "GET", "/api/registry/versions");
    expect(versions.body.current).toBe(1);
  });

  it("may be changed by the admin only", async () => {
    for (const who of ["office", "branch1"] as const) {
      expect((await call(who, "PUT", "/api/registry", FLOOD_REGISTRY)).status).toBe(403);
      expect((await call(who, "POST", "/api/registry/rejudge", { year: "2025" })).status).toBe(403);
    }
  });
});

describe("a re-judge after a branch is set to have no 党小组", () => {
  it("first says whose conclusion would change and changes nothing, then applies exactly that", async () => {
    const res = await call("branch1", "POST", "/api/submissions", {
      kind: "branch-meetings",
      period: "2025",
      sheetName: "三会一课台账",
      sheet: { values: meetingsWithoutPartyGroups(), merges: [], date1904: false },
      idempotencyKey: newKey(),
    });
    expect([res.status, res.body.warnings]).toEqual([201, 9]);
    meetingsId = res.body.id;
    const before = await call("office", "GET", `/api/submissions/${meetingsId}`);
    const gaps = before.body.findings.map((f: { message: string; period: string }) => [
      f.period,
      f.message.includes("党小组会"),
    ]);
    expect(gaps).toEqual(Array.from({ length: 9 }, (_, i) => [`2025-0${i + 1}`, true]));

    const registry: Registry = {
      ...FLOOD_REGISTRY,
      branches: FLOOD_REGISTRY.branches.map((b) =>
        b.name === BRANCH1 ? { ...b, hasPartyGroups: false } : b,
      ),
    };
    const put = await call("admin", "PUT", "/api/registry", registry);
    expect(put.body.version).toBe(2);
    const versions = await call("admin", "GET", "/api/registry/versions");
    expect(
      versions.body.versions.map((v: { version: number; changes: string[] }) => [v.version, v.changes]),
    ).toEqual([
      [2, ["支部“老牛湾村党支部”的设有党小组由“是”改为“否”"]],
      [1, ["新增本镇台账“防汛值班台账”（5 列）"]],
    ]);

    const dry = await call("admin", "POST", "/api/registry/rejudge", { year: "2025" });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      year: "2025",
      registryVersion: 2,
      applied: false,
      judged: 2,
      changed: [
        {
          id: meetingsId,
          kind: "branch-meetings",
          scope: BRANCH1,
          period: "2025",
          registryVersion: 1,
          before: { errors: 0, warnings: 9, counts: { "cadence-gap": 9 } },
          after: { errors: 0, warnings: 0, counts: {} },
        },
      ],
      skipped: [],
      message: "1 份台账的结论会变化（共重新校验 2 份）；确认后才会保存。",
    });
    // The dry run changed nothing.
    const unchanged = await call("office", "GET", `/api/submissions/${meetingsId}`);
    expect([unchanged.body.findings, unchanged.body.registryVersion]).toEqual([before.body.findings, 1]);

    // Conclusions beyond what one apply may hold: 413 in the documented shape, nothing stored.
    const stored = await loadRegistry(env.DB);
    const admin = { id: "admin", name: "管理员", role: "admin", branch: null, tokenId: "t" } as const;
    const refused = await rejudge(env.DB, stored, "2025", "2025-12-31", true, admin, 100).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect([(refused as ApiError).status, (refused as ApiError).code, (refused as ApiError).message]).toEqual(
      [413, "too-large", "这一年的校验结论太多，无法在一次操作中保存，未保存任何结论；请联系技术支持。"],
    );
    const still = await call("office", "GET", `/api/submissions/${meetingsId}`);
    expect([still.body.findings, still.body.registryVersion]).toEqual([before.body.findings, 1]);
    expect(
      (
        await env.DB.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'registry.rejudge'").first<{
          n: number;
        }>()
      )?.n,
    ).toBe(0);

    const applied = await call("admin", "POST", "/api/registry/rejudge", { year: "2025", apply: true });
    expect([applied.body.applied, applied.body.changed.length, applied.body.message]).toEqual([
      true,
      1,
      "已按第 2 版登记信息重新校验 2 份台账，1 份的结论已变化。",
    ]);
    const after = await call("office", "GET", `/api/submissions/${meetingsId}`);
    expect([
      after.body.findings,
      after.body.warnings,
      after.body.findingCounts,
      after.body.registryVersion,
    ]).toEqual([[], 0, {}, 2]);
    const flood = await call("office", "GET", `/api/submissions/${floodId}`);
    expect(flood.body.registryVersion).toBe(2);
    const audit = await env.DB.prepare("SELECT detail FROM audit WHERE action = 'registry.rejudge'").all<{
      detail: string;
    }>();
    expect(audit.results.map((r) => JSON.parse(r.detail))).toEqual([
      { registryVersion: 2, judged: 2, changed: [meetingsId], skipped: 0 },
    ]);
  });
});
