/**
 * Summary figures (shared/figures.ts): each kind's summary is a strict zod object whose figures
 * carry their labels and units; what the engine computes is exactly what the schema declares.
 */
import { describe, expect, it } from "vitest";
import { validateWorkbook } from "../../shared/engine";
import { figureLabel, figureOf, figuresOf, formatFigure, UNITS } from "../../shared/figures";
import { KINDS, kindById, kindFigure } from "../../shared/kinds";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { SAMPLE_AS_OF, sampleFiles, toWorkbookInput } from "../fixtures";

describe("each kind's figures", () => {
  it("label every figure in Chinese and English with a unit of the vocabulary", () => {
    for (const kind of KINDS) {
      const figures = figuresOf(kind.figures);
      expect([kind.id, figures.map(([name]) => name)]).toEqual([kind.id, Object.keys(kind.figures.shape)]);
      for (const [name, figure] of figures) {
        expect([kind.id, name, figure.label.zh.length > 0, /^[A-Z]/.test(figure.label.en)]).toEqual([
          kind.id,
          name,
          true,
          true,
        ]);
        if (figure.unit !== null) expect(Object.keys(UNITS)).toContain(figure.unit);
      }
    }
  });

  it("are exactly what every sample sheet's summary holds, no figure more or less", () => {
    let checked = 0;
    for (const file of sampleFiles()) {
      const results = validateWorkbook(toWorkbookInput(file.sheets, { date1904: file.date1904 }), {
        asOf: SAMPLE_AS_OF,
        registry: DEFAULT_REGISTRY,
      });
      for (const r of results) {
        const kind = kindById(r.kind ?? "");
        if (!kind) continue;
        const parsed = kind.figures.safeParse(r.summary);
        expect([file.file, r.sheet, parsed.error?.issues ?? []]).toEqual([file.file, r.sheet, []]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(24);
  });

  it("refuses a summary with a figure the kind does not declare, or a rate given as text", () => {
    const problems = kindById("problems")!;
    const summary = validateWorkbook(
      {
        sheets: [
          {
            name: "民情问题台账",
            values: [["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态"]],
            merges: [],
          },
        ],
        date1904: false,
      },
      { asOf: SAMPLE_AS_OF, registry: DEFAULT_REGISTRY },
    )[0].summary;
    expect(problems.figures.safeParse(summary).success).toBe(true);
    expect(problems.figures.safeParse({ ...summary, extra: 1 }).success).toBe(false);
    expect(problems.figures.safeParse({ ...summary, resolvedRate: "40%" }).success).toBe(false);
  });
});

describe("figures as text", () => {
  const rate = kindFigure("problems", "resolvedRate");
  const money = kindFigure("projects", "investment");
  const byStatus = kindFigure("problems", "byStatus");
  const cadence = kindFigure("branch-meetings", "cadence");

  it("shows rates as percentages, money with two decimals and its unit, counts with theirs", () => {
    expect(formatFigure(rate, 0.3684, "zh-CN")).toBe("36.8%");
    expect(formatFigure(rate, null, "zh-CN")).toBe("—");
    expect(formatFigure(money, 12.5, "zh-CN")).toBe("12.50 万元");
    expect(formatFigure(money, 12.5, "en")).toBe("12.50 ×10,000 yuan");
    expect(formatFigure(kindFigure("dues", "paid"), 13, "zh-CN")).toBe("13.00 元");
    expect(formatFigure(kindFigure("members", "averageAge"), 52.25, "zh-CN")).toBe("52.25 岁");
    expect(formatFigure(byStatus, { 已解决: 3, 待办: 1 }, "zh-CN")).toBe("已解决 3 件，待办 1 件");
    expect(formatFigure(byStatus, { 已解决: 3, 待办: 1 }, "en")).toBe("已解决: 3 cases, 待办: 1 cases");
    expect(formatFigure(cadence, { 老牛湾村党支部: { 党课: 0.5, 组织生活会: null } }, "zh-CN")).toBe(
      "老牛湾村党支部（党课 50%，组织生活会 —）",
    );
  });

  it("names a figure by the label its kind gives it, in either language", () => {
    expect(figureLabel(kindFigure("disputes", "resolved"), "resolved", "zh-CN")).toBe("已化解");
    expect(figureLabel(kindFigure("problems", "resolved"), "resolved", "zh-CN")).toBe("已解决");
    expect(figureLabel(kindFigure("problems", "resolved"), "resolved", "en")).toBe("Resolved");
    // A figure the kind does not know (an older server's) keeps its name.
    expect(figureLabel(figureOf(kindById("problems")!.figures, "gone"), "gone", "zh-CN")).toBe("gone");
  });
});
