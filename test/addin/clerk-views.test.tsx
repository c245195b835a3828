/**
 * The views a clerk reads (issue 12): findings errors first, filtered, folded and previewed;
 * 报送情况 at a glance; township figures with how many branches have reported.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within, type ByRoleMatcher } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Finding } from "../../shared/findings";
import type { SheetReport } from "../../shared/report";
import type { WorkbookInput } from "../../shared/workbook";
import type { StatusResponse, SummaryResponse } from "../../shared/api";
import { FindingsList, SEVERITY_STYLE, foldRepeats, sectionsOf } from "../../addin/app/FindingsList";
import { StatusView } from "../../addin/app/StatusView";
import { STATE_STYLE, reminderText } from "../../addin/app/StatusBoard";
import { TownshipView } from "../../addin/app/TownshipView";
import { SummaryView } from "../../addin/app/SummaryView";
import { I18nProvider } from "../../addin/app/i18n";
import { KINDS as KIND_DEFS, kindTitle } from "../../shared/kinds";
import type { Api } from "../../addin/api";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function withProviders(ui: React.ReactNode, locale: "zh-CN" | "en" = "zh-CN") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale}>{ui}</I18nProvider>
    </FluentProvider>,
  );
}

/** The text of every element with `role` inside `container`, in order. */
function textsOf(container: HTMLElement, role: ByRoleMatcher) {
  return within(container)
    .getAllByRole(role)
    .map((e) => e.textContent);
}

const SHEET = "党费收缴台账";

function finding(
  code: Finding["code"],
  severity: Finding["severity"],
  cell: string | null,
  column: string | null,
  message: string,
): Finding {
  const row = cell ? Number(/\d+/.exec(cell)?.[0]) : null;
  return { code, severity, sheet: SHEET, cell, row, column, message };
}

// Twelve arrears warnings from row 4 on, and errors further down: the errors must come first.
const unpaid = Array.from({ length: 12 }, (_, i) =>
  finding("dues-unpaid", "warning", `B${i + 4}`, "姓名", `党员${i + 1}欠交党费。`),
);
const errors = [
  finding("dues-rate", "error", "D20", "月应缴（元）", "月应缴与标准不符。"),
  finding("sum-mismatch", "error", "R21", "全年实缴", "全年实缴与各月合计不符。"),
];
const dues: SheetReport = {
  sheet: SHEET,
  kind: "dues",
  headerRow: 3,
  rows: 20,
  errors: 2,
  warnings: 12,
  findings: [...unpaid, ...errors],
};

describe("findings a clerk can act on", () => {
  it("lists errors first, then the warnings, with a count in each heading", () => {
    withProviders(<FindingsList results={[dues]} onSelect={() => undefined} />);
    expect(screen.getAllByRole("group").map((g) => g.getAttribute("aria-label"))).toEqual([
      "错误（2）",
      "警告（12）",
    ]);
    const [errorGroup] = screen.getAllByRole("group");
    expect(
      within(errorGroup)
        .getAllByRole("button")
        .map((b) => b.getAttribute("aria-label")),
    ).toEqual(["定位到 D20：月应缴与标准不符。", "定位到 R21：全年实缴与各月合计不符。"]);
  });

  it("folds a code repeated down the sheet into one line, and expands it on a click", () => {
    withProviders(<FindingsList results={[dues]} onSelect={() => undefined} />);
    const fold = screen.getByRole("button", { name: "党费欠缴：12 处，展开" });
    expect(fold.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByText("党员1欠交党费。")).toBeNull();
    fireEvent.click(fold);
    expect(screen.getByRole("button", { name: "党费欠缴：12 处，收起" }).getAttribute("aria-expanded")).toBe(
      "true",
    );
    expect(screen.getByText("党员1欠交党费。")).toBeTruthy();
    expect(screen.getByText("党员12欠交党费。")).toBeTruthy();
  });

  it("folds the same code in two columns apart, naming each column", () => {
    const phones = [5, 6, 7].map((r) => finding("pattern", "error", `L${r}`, "联系电话", `电话${r}不对。`));
    const ids = [5, 6, 7].map((r) => finding("pattern", "error", `C${r}`, "公民身份号码", `号码${r}不对。`));
    withProviders(
      <FindingsList results={[{ ...dues, findings: [...phones, ...ids] }]} onSelect={() => undefined} />,
    );
    expect(screen.getAllByRole("button", { expanded: false }).map((b) => b.textContent)).toEqual([
      "格式不符（公民身份号码）：3 处，展开",
      "格式不符（联系电话）：3 处，展开",
    ]);
  });

  it("keeps a code seen twice as two lines: folding starts at three", () => {
    expect(foldRepeats(errors).map((i) => ("finding" in i ? i.finding.cell : i.findings.length))).toEqual([
      "D20",
      "R21",
    ]);
    expect(foldRepeats(unpaid.slice(0, 3)).map((i) => ("finding" in i ? "one" : i.findings.length))).toEqual([
      3,
    ]);
  });

  it("shows only the errors with 只看错误, and says so when a sheet has none", () => {
    const clean: SheetReport = { ...dues, sheet: "另一张", errors: 0, findings: unpaid.slice(0, 1) };
    withProviders(<FindingsList results={[dues, clean]} onSelect={() => undefined} />);
    fireEvent.click(screen.getByRole("radio", { name: "只看错误" }));
    expect(screen.getAllByRole("group").map((g) => g.getAttribute("aria-label"))).toEqual(["错误（2）"]);
    expect(screen.queryByRole("button", { name: /党费欠缴/ })).toBeNull();
    expect(screen.getByText("本表没有错误。")).toBeTruthy();
  });

  it("groups by column with 按列: sheet-wide first, then columns left to right, errors first in each", () => {
    const mixed = [
      finding("required", "error", "D9", "月应缴（元）", "月应缴为空。"),
      finding("cadence-gap", "warning", null, null, "第三季度没有党课。"),
      ...unpaid.slice(0, 2),
      finding("pattern", "error", "B30", "姓名", "姓名中有空格。"),
    ];
    expect(sectionsOf(mixed, "column").map((s) => [s.key, s.findings.map((f) => f.cell)])).toEqual([
      [null, [null]],
      ["姓名", ["B30", "B4", "B5"]],
      ["月应缴（元）", ["D9"]],
    ]);
    withProviders(<FindingsList results={[{ ...dues, findings: mixed }]} onSelect={() => undefined} />);
    fireEvent.click(screen.getByRole("radio", { name: "按列" }));
    expect(screen.getAllByRole("group").map((g) => g.getAttribute("aria-label"))).toEqual([
      "整表（1）",
      "姓名（3）",
      "月应缴（元）（1）",
    ]);
  });

  it("chooses the filter with the arrow keys, one Tab stop for the three", () => {
    withProviders(<FindingsList results={[dues]} onSelect={() => undefined} />);
    const all = screen.getByRole("radio", { name: "全部" });
    expect(screen.getAllByRole("radio").map((r) => [r.getAttribute("aria-checked"), r.tabIndex])).toEqual([
      ["true", 0],
      ["false", -1],
      ["false", -1],
    ]);
    all.focus();
    fireEvent.keyDown(all, { key: "ArrowRight" });
    const errorsOnly = screen.getByRole("radio", { name: "只看错误" });
    expect([errorsOnly.getAttribute("aria-checked"), document.activeElement]).toEqual(["true", errorsOnly]);
    expect(screen.getAllByRole("group").map((g) => g.getAttribute("aria-label"))).toEqual(["错误（2）"]);
    fireEvent.keyDown(errorsOnly, { key: "ArrowLeft" });
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" });
    expect(screen.getByRole("radio", { name: "按列" }).getAttribute("aria-checked")).toBe("true");
  });

  it("moves between findings with the arrow keys, Home and End", () => {
    withProviders(<FindingsList results={[dues]} onSelect={() => undefined} />);
    const region = screen.getByRole("region", { name: "校验结果" });
    const first = screen.getByRole("button", { name: /^定位到 D20/ });
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("定位到 R21：全年实缴与各月合计不符。");
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
    expect(document.activeElement?.textContent).toBe("党费欠缴：12 处，展开");
    fireEvent.keyDown(document.activeElement as Element, { key: "Home" });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(region, { key: "End" });
    expect(document.activeElement?.textContent).toBe("党费欠缴：12 处，展开");
  });

  it("puts the focus on the findings once a check has given them", () => {
    const { rerender } = withProviders(<FindingsList results={[]} onSelect={() => undefined} />);
    rerender(
      <FluentProvider theme={webLightTheme}>
        <I18nProvider locale="zh-CN">
          <FindingsList results={[dues]} onSelect={() => undefined} />
        </I18nProvider>
      </FluentProvider>,
    );
    expect(document.activeElement).toBe(screen.getByRole("region", { name: "校验结果" }));
  });

  it("in the standalone page, shows the sheet around the cell with the cell highlighted and the header kept", async () => {
    const values: WorkbookInput["sheets"][number]["values"] = [
      ["2025年党费收缴台账"],
      [],
      ["姓名", "人员类别", "收集日期", "月应缴（元）", "1月"],
      ...Array.from({ length: 20 }, (_, i) => [`党员${i + 1}`, "农民", 45_900 + i, 0.5, 0.5]),
    ];
    const workbook: WorkbookInput = { sheets: [{ name: SHEET, values, merges: [] }], date1904: false };
    const onSelect = vi.fn();
    withProviders(<FindingsList results={[dues]} onSelect={onSelect} workbook={workbook} />);
    fireEvent.click(screen.getByRole("button", { name: /^定位到 D20/ }));
    expect(onSelect).toHaveBeenCalledWith(SHEET, "D20");
    const grid = await screen.findByRole("table", { name: "党费收缴台账 · D20 附近" });
    const rows = within(grid)
      .getAllByRole("row")
      .map((r) =>
        within(r)
          .queryAllByRole("cell")
          .map((c) => c.textContent),
      );
    // Column letters, then the header row (3), then rows 18–22 around row 20, columns B–F.
    expect(rows).toEqual([
      [],
      ["人员类别", "收集日期", "月应缴（元）", "1月", ""],
      ["农民", "2025-09-14", "0.5", "0.5", ""],
      ["农民", "2025-09-15", "0.5", "0.5", ""],
      ["农民", "2025-09-16", "0.5", "0.5", ""],
      ["农民", "2025-09-17", "0.5", "0.5", ""],
      ["农民", "2025-09-18", "0.5", "0.5", ""],
    ]);
    expect(textsOf(grid, "columnheader")).toEqual(["", "B", "C", "D", "E", "F"]);
    expect(textsOf(grid, "rowheader")).toEqual(["3", "18", "19", "20", "21", "22"]);
    const highlighted = grid.querySelectorAll("[aria-current=true]");
    expect([...highlighted].map((c) => c.textContent)).toEqual(["0.5"]);
    expect(highlighted[0].parentElement?.querySelector("th")?.textContent).toBe("20");
  });

  it("speaks English: sections, filter, folds and the code's name", () => {
    withProviders(<FindingsList results={[dues]} onSelect={() => undefined} />, "en");
    expect(screen.getAllByRole("radio").map((r) => r.textContent)).toEqual([
      "All",
      "Errors only",
      "By column",
    ]);
    expect(screen.getAllByRole("group").map((g) => g.getAttribute("aria-label"))).toEqual([
      "Error (2)",
      "Warning (12)",
    ]);
    expect(screen.getByRole("button", { name: "dues unpaid: 12 cells, show them" })).toBeTruthy();
  });

  it("names every kind in English in the English pane", () => {
    withProviders(<FindingsList results={[dues]} onSelect={() => undefined} />, "en");
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe(
      "党费收缴台账 (Party dues ledger, 20 rows)",
    );
    for (const kind of KIND_DEFS) {
      expect([kind.id, /^[A-Z][^\u4e00-\u9fff]*$/.test(kindTitle(kind.id, "en"))]).toEqual([kind.id, true]);
      expect(kindTitle(kind.id, "zh-CN")).toBe(kind.title);
    }
    // A kind this engine does not know keeps the server's title.
    expect(kindTitle("flood-duty", "en", "防汛值班台账")).toBe("防汛值班台账");
  });
});

// ---------------------------------------------------------------------------------------------

const KINDS = [
  { id: "dues", title: "党费收缴台账", grain: "year", scope: "branch" },
  { id: "fieldwork", title: "到村工作日志", grain: "month", scope: "office" },
] satisfies StatusResponse["kinds"];

type Cell = StatusResponse["rows"][number]["cells"][number];
const cell = (kind: string, period: string, state: Cell["state"], extra: Partial<Cell> = {}): Cell => ({
  kind,
  period,
  state,
  due: `${period.slice(0, 4)}-12-31`,
  submissionId:
    state === "submitted" || state === "late" || state === "returned" ? `id-${kind}-${period}` : null,
  version: state === "missing" || state === "pending" ? null : 1,
  submittedAt: null,
  returnComment: null,
  ...extra,
});
const counts = (c: Partial<StatusResponse["counts"]> = {}) => ({
  submitted: 0,
  late: 0,
  returned: 0,
  missing: 0,
  pending: 0,
  ...c,
});
const months = (states: Cell["state"][]) =>
  states.map((s, i) => cell("fieldwork", `2025-${String(i + 1).padStart(2, "0")}`, s));

const STATUS_2025: StatusResponse = {
  year: "2025",
  asOf: "2025-10-08",
  kinds: KINDS,
  rows: [
    {
      scope: "老牛湾村党支部",
      label: "老牛湾村党支部",
      cells: [
        cell("dues", "2025", "returned", {
          returnComment: "请补全 9 月的党费",
          submittedAt: "2025-10-06T16:30:00.000Z",
        }),
      ],
      counts: counts({ returned: 1 }),
    },
    {
      scope: "乾坤湾村党支部",
      label: "乾坤湾村党支部",
      cells: [cell("dues", "2025", "late")],
      counts: counts({ late: 1 }),
    },
    {
      scope: "office",
      label: "镇党建办",
      cells: months([
        ...Array<Cell["state"]>(7).fill("submitted"),
        "late",
        "missing",
        "pending",
        "pending",
        "pending",
      ]),
      counts: counts({ submitted: 7, late: 1, missing: 1, pending: 3 }),
    },
  ],
  counts: counts({ submitted: 7, late: 2, returned: 1, missing: 1, pending: 3 }),
};
const EMPTY_2026: StatusResponse = {
  ...STATUS_2025,
  year: "2026",
  rows: STATUS_2025.rows.map((r) => ({
    ...r,
    cells: r.cells.map((c) => ({ ...c, state: "pending" as const, submissionId: null })),
    counts: counts({ pending: r.cells.length }),
  })),
  counts: counts({ pending: 14 }),
};

function statusApi() {
  const status = vi.fn(async (year: string) => ({
    ok: true as const,
    value: year === "2025" ? STATUS_2025 : EMPTY_2026,
  }));
  return { api: { status } as unknown as Api, status };
}

/** Chromium's matchMedia for a pane `width` px wide (jsdom has none). */
function viewport(width: number) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: /max-width: (\d+)px/.test(query) && width <= Number(/max-width: (\d+)px/.exec(query)?.[1]),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

/** WCAG 2.x contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe("报送情况 at a glance", () => {
  it("opens on the year just ended when this year has nothing submitted yet", async () => {
    const { api, status } = statusApi();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2026" />);
    await screen.findByRole("table", { name: "报送情况" });
    expect(status.mock.calls.map(([y]) => y)).toEqual(["2026", "2025"]);
    expect((screen.getByLabelText("年度") as HTMLInputElement).value).toBe("2025");
  });

  it("stays on this year when something is submitted in it", async () => {
    const { api, status } = statusApi();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2025" />);
    await screen.findByRole("table", { name: "报送情况" });
    expect(status.mock.calls.map(([y]) => y)).toEqual(["2025"]);
  });

  it("has a legend with five distinct words, colours and symbols, each readable at WCAG AA", async () => {
    const { api } = statusApi();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2025" />);
    const legend = await screen.findByRole("list", { name: "图例" });
    expect(textsOf(legend, "listitem")).toEqual([
      "✓ 已报按期提交",
      "! 逾期报送已提交，晚于截止日",
      "↩ 已退回党建办已退回，待修改后重新提交",
      "✗ 未报已过截止日，尚未提交",
      "… 未到期还没到截止日",
    ]);
    const styles = Object.values(STATE_STYLE);
    expect(new Set(styles.map((s) => s.bg)).size).toBe(5);
    expect(new Set(styles.map((s) => s.fg)).size).toBe(5);
    for (const s of styles) expect(contrast(s.fg, s.bg)).toBeGreaterThanOrEqual(4.5);
    // The findings' severity words, on the pane's white.
    for (const s of Object.values(SEVERITY_STYLE))
      expect(contrast(s.fg, "#FFFFFF")).toBeGreaterThanOrEqual(4.5);
  });

  it("shows each unit's state in words, the 退回意见 on the returned one, and a monthly kind as a 12-cell strip", async () => {
    const { api } = statusApi();
    const onOpen = vi.fn();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2025" onOpenSubmission={onOpen} />);
    const table = await screen.findByRole("table", { name: "报送情况" });
    const rows = within(table).getAllByRole("row");
    expect(textsOf(rows[1], "cell")).toEqual(["老牛湾村党支部", "↩ 已退回", "—"]);
    expect(textsOf(rows[2], "cell")).toEqual(["乾坤湾村党支部", "! 逾期报送", "—"]);
    const returned = within(rows[1]).getByRole("button");
    // 16:30 UTC on 6 October is 00:30 on 7 October in Beijing.
    expect(returned.getAttribute("aria-label")).toBe(
      "2025 已退回，第 1 版，2025-10-07 00:30（北京时间）提交，退回意见：请补全 9 月的党费",
    );
    fireEvent.click(returned);
    expect(onOpen).toHaveBeenCalledWith("id-dues-2025");
    const strip = within(rows[3]).getAllByRole("listitem");
    expect(strip.map((s) => s.textContent)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
    ]);
    expect(strip.map((s) => (s.firstElementChild as HTMLElement).dataset.state)).toEqual([
      ...Array<string>(7).fill("submitted"),
      "late",
      "missing",
      "pending",
      "pending",
      "pending",
    ]);
    expect(strip[8].firstElementChild?.getAttribute("aria-label")).toBe("2025-09 未报，截止 2025-12-31");
  });

  it("at task-pane width shows a card per unit with only the kinds it reports", async () => {
    viewport(350);
    const { api } = statusApi();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2025" />);
    const card = await screen.findByRole("article", { name: "老牛湾村党支部" });
    expect(screen.queryByRole("table", { name: "报送情况" })).toBeNull();
    expect(screen.getAllByRole("article").map((a) => a.getAttribute("aria-label"))).toEqual([
      "老牛湾村党支部",
      "乾坤湾村党支部",
      "镇党建办",
    ]);
    expect(within(card).getByText("已报 0 项，未报 0 项，退回 1 项")).toBeTruthy();
    expect(textsOf(card, "row")).toEqual(["党费收缴台账↩ 已退回"]);
  });

  it("writes one reminder for the branch secretaries and another for the office's own ledgers", async () => {
    expect(reminderText(STATUS_2025, "老牛湾镇", "branches")).toBe(
      "各位支部书记：截至 2025-10-08，以下台账尚未报送，请尽快通过台账通提交：\n" +
        "老牛湾村党支部：党费收缴台账（2025，已退回）\n谢谢配合！——老牛湾镇党建办",
    );
    expect(reminderText(STATUS_2025, "老牛湾镇", "office")).toBe(
      "截至 2025-10-08，老牛湾镇党建办以下台账尚未提交：\n镇党建办：到村工作日志（2025-09）",
    );
    const { api } = statusApi();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2025" />, "en");
    // The pane speaks English; the reminder goes to a Chinese group chat, so it stays Chinese.
    await screen.findByRole("table", { name: "Submission status" });
    const boxes = screen.getAllByRole("textbox").filter((b) => b.tagName === "TEXTAREA");
    expect(boxes.map((b) => (b as HTMLTextAreaElement).value)).toEqual([
      reminderText(STATUS_2025, "老牛湾镇", "branches"),
      reminderText(STATUS_2025, "老牛湾镇", "office"),
    ]);
    expect(
      screen.getByText("Reminder to the branches (copy into the village group chat; in Chinese)"),
    ).toBeTruthy();
    expect(screen.getAllByText("↩ returned").length).toBe(2);
    expect(screen.getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Unit",
      "Party dues ledger",
      "Village work log",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

const SUMMARY_2025: SummaryResponse = {
  year: "2025",
  asOf: "2025-10-08",
  kinds: [
    {
      kind: "dues",
      title: "党费收缴台账",
      byBranch: {
        老牛湾村党支部: {
          members: 3,
          expected: 27,
          paid: 18.5,
          paidRate: 0.68518,
          unpaidMonths: 17,
          inArrears: 2,
        },
      },
      total: { members: 3, expected: 27, paid: 18.5, paidRate: 0.68518, unpaidMonths: 17, inArrears: 2 },
      rows: 3,
      branches: { reported: 1, expected: 6 },
    },
    {
      kind: "disputes",
      title: "矛盾纠纷排查化解台账",
      byBranch: {
        老牛湾村党支部: {
          total: 4,
          resolved: 3,
          closed: 4,
          resolvedInVillageRate: 0.5,
          resolvedInTownRate: 0.75,
          byType: {},
        },
      },
      total: {
        total: 4,
        resolved: 3,
        closed: 4,
        resolvedInVillageRate: 0.5,
        resolvedInTownRate: 0.75,
        byType: {},
      },
      rows: 4,
      branches: { reported: 6, expected: 6 },
    },
    {
      kind: "staff",
      title: "党建办人员岗位表",
      byBranch: {},
      total: {},
      rows: 0,
      branches: null,
    },
  ],
};

describe("township figures", () => {
  function township(locale: "zh-CN" | "en" = "zh-CN") {
    const api = { summary: async () => ({ ok: true as const, value: SUMMARY_2025 }) } as unknown as Api;
    return withProviders(
      <TownshipView
        api={api}
        township="老牛湾镇"
        defaultYear="2025"
        writeLabel="写入"
        onConsolidate={async () => undefined}
      />,
      locale,
    );
  }

  it("says how many branches reported beside every total, and warns when it is not all", async () => {
    const { container } = township();
    const dues = await screen.findByRole("table", { name: "党费收缴台账 全镇合计（1/6 个支部已报）" });
    expect(textsOf(dues, "row")).toEqual([
      "指标数值",
      "党员人数3 人",
      "应缴27.00 元",
      "实缴18.50 元",
      "缴纳率68.5%",
      "欠缴月数17 个月",
      "欠缴 3 个月以上人数2 人",
    ]);
    const section = (kind: string) => container.querySelector(`[data-kind=${kind}]`) as HTMLElement;
    expect(within(section("dues")).getByText("只有 1/6 个支部已报，合计还不是全镇的数。")).toBeTruthy();
    expect(within(section("disputes")).getByText("6/6 个支部已报")).toBeTruthy();
    expect(within(section("disputes")).queryByText(/合计还不是全镇的数/)).toBeNull();
    // The office's own kinds have no branches to count.
    expect(within(section("staff")).queryByText(/个支部已报/)).toBeNull();
    // 已化解, not 已解决; rates as percentages.
    expect(textsOf(screen.getByRole("table", { name: /矛盾纠纷排查化解台账/ }), "row")).toEqual([
      "指标数值",
      "纠纷总数4 件",
      "已化解3 件",
      "已结案4 件",
      "小事不出村比例50%",
      "大事不出镇比例75%",
      "按纠纷类型—",
    ]);
  });

  it("charts a count per branch with its unit, never a rate beside it", async () => {
    township();
    const chart = await screen.findByRole("img", { name: /^党费收缴台账 · 党员人数：/ });
    expect(chart.getAttribute("aria-label")).toBe("党费收缴台账 · 党员人数：老牛湾村党支部 3 人");
  });

  it("speaks English", async () => {
    township("en");
    await screen.findByText("1 of 6 branches reported");
    expect(
      screen.getByText("Only 1 of 6 branches have reported; the total is not yet the township's."),
    ).toBeTruthy();
    expect(screen.getByRole("img", { name: /Members/ }).getAttribute("aria-label")).toBe(
      "Party dues ledger · Members：老牛湾村党支部 3 people",
    );
  });
});

describe("summary charts", () => {
  it("writes each bar's value with the figure's unit", () => {
    const report: SheetReport = {
      sheet: "民情问题台账",
      kind: "problems",
      headerRow: 2,
      rows: 3,
      errors: 0,
      warnings: 0,
      findings: [],
      summary: { total: 3, byCategory: { 饮水: 2, 道路: 1 } },
    };
    withProviders(<SummaryView results={[report]} />);
    expect(screen.getByRole("img", { name: /按问题类别/ }).getAttribute("aria-label")).toBe(
      "按问题类别：饮水 2 件，道路 1 件",
    );
  });
});
