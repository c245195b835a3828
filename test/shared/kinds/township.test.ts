/**
 * A township's own ledger (issue 13): read, checked and summed like a built-in kind, from its
 * registry entry alone.
 */
import { describe, expect, it } from "vitest";
import { kindById, kindsOf } from "../../../shared/kinds";
import { summarize, validateWorkbook } from "../../../shared/engine";
import { templateLayout } from "../../../shared/template-layout";
import { workbookToInput } from "../../../shared/xlsx/convert";
import { DEFAULT_REGISTRY } from "../../../shared/registry";
import { buildTemplate } from "../../../shared/xlsx/template";
import { FLOOD_REGISTRY, FLOOD_SHEET, FLOOD_SHEET_CLEAN } from "../../fixtures/township";
import { run, sheet } from "../helpers";

const AS_OF = "2025-10-01";

describe("a township ledger (防汛值班台账)", () => {
  it("is a kind only where the registry defines it", () => {
    expect(kindById("flood-duty", DEFAULT_REGISTRY)).toBeUndefined();
    expect(kindById("flood-duty", FLOOD_REGISTRY)?.title).toBe("防汛值班台账");
    expect(kindsOf(FLOOD_REGISTRY).length).toBe(kindsOf(DEFAULT_REGISTRY).length + 1);
    // Without it, the sheet's 日期, 姓名 and 村 read as some other kind's columns.
    const [other] = run(sheet("防汛值班", FLOOD_SHEET), AS_OF);
    expect(other.kind).not.toBe("flood-duty");
  });

  it("finds exactly the planted mistakes, with the built-in kinds' column checks", () => {
    const [result] = run(sheet("防汛值班", FLOOD_SHEET), AS_OF, FLOOD_REGISTRY);
    expect([result.kind, result.headerRow, result.rows, result.period]).toEqual(["flood-duty", 2, 6, "2025"]);
    expect(result.findings.map((f) => [f.code, f.severity, f.cell, f.message, f.hint])).toEqual([
      ["range", "error", "D5", "人数 0 小于允许的最小值 1。", "请填写不小于 1 的数。"],
      [
        "enum",
        "error",
        "E6",
        "险情“严重”不是规定的选项（无、一般、较大）。",
        "请从规定的选项中选择：无、一般、较大。",
      ],
      [
        "unknown-branch",
        "error",
        "C7",
        "村“牛家庄”不在本镇的村（支部）名单中。",
        "请填写本镇的村或支部名称。",
      ],
      ["required", "error", "B8", "必填项“值班人”为空。", "请填写值班人。"],
    ]);
  });

  it("sums each numeric column and counts by each enum and branch column (cells that failed count as empty)", () => {
    const [result] = run(sheet("防汛值班", FLOOD_SHEET), AS_OF, FLOOD_REGISTRY);
    expect(result.summary).toEqual({
      rows: 6,
      "sum:人数": 12,
      "by:村": { 老牛湾村党支部: 5 },
      "by:险情": { 无: 2, 一般: 2, 较大: 1 },
    });
    const [clean] = run(sheet("防汛值班", FLOOD_SHEET_CLEAN), AS_OF, FLOOD_REGISTRY);
    expect([clean.errors, clean.warnings]).toEqual([0, 0]);
    const kind = kindById("flood-duty", FLOOD_REGISTRY);
    if (!kind) throw new Error("no kind");
    // The Worker's figures: the same summary from stored records.
    expect(
      summarize(
        kind,
        clean.records.map((r) => ({ ...r, invalid: new Set(), raw: {} })),
        {
          asOf: AS_OF,
          registry: FLOOD_REGISTRY,
          periods: ["2025"],
          staff: null,
        },
      ),
    ).toEqual(clean.summary);
  });

  it("has a template with its headers and dropdowns, which the engine reads back as that ledger", () => {
    const kind = kindById("flood-duty", FLOOD_REGISTRY);
    if (!kind) throw new Error("no kind");
    const layout = templateLayout(kind, FLOOD_REGISTRY, { year: 2025 });
    expect(layout.columns.map((c) => [c.header, c.dropdown?.values ?? null])).toEqual([
      ["日期*", null],
      ["值班人*", null],
      ["村*", DEFAULT_REGISTRY.branches.map((b) => b.name)],
      ["人数", null],
      ["险情", ["无", "一般", "较大"]],
    ]);
    const input = workbookToInput(buildTemplate(kind, { registry: FLOOD_REGISTRY, year: 2025 }));
    const [blank] = validateWorkbook(input, { asOf: AS_OF, registry: FLOOD_REGISTRY });
    expect([blank.kind, blank.rows, blank.errors, blank.period]).toEqual(["flood-duty", 0, 0, "2025"]);
  });
});
