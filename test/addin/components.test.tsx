import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Finding } from "../../shared/findings";
import type { SheetReport, SheetResult } from "../../shared/report";
import { FindingsList } from "../../addin/app/FindingsList";
import { SummaryView } from "../../addin/app/SummaryView";
import { App } from "../../addin/app/App";
import { I18nProvider } from "../../addin/app/i18n";
import { reminderText } from "../../addin/app/StatusBoard";
import { paneText } from "../../shared/messages/pane";
import { fakeHost, jsonResponse, connectedStorage, memoryStorage, receipt } from "./pane";
import { problemsSheet, useExcel } from "./excel-helpers";
import type { StrictExcel } from "./strict-excel";
import { createExcelHost } from "../../addin/excel/host";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { FLOOD_REGISTRY } from "../fixtures/township";
import type { WorkbookInput } from "../../shared/workbook";
import { PaneError } from "../../addin/host";
import type { ExcelReach } from "../../addin/excel/requirements";

afterEach(cleanup);

function finding(
  row: number | null,
  cell: string | null,
  message: string,
  severity: Finding["severity"] = "error",
  code: Finding["code"] = "pattern",
): Finding {
  return { code, severity, sheet: "民情问题台账", cell, row, column: null, message };
}

const report: SheetReport = {
  sheet: "民情问题台账",
  kind: "problems",
  headerRow: 2,
  rows: 3,
  errors: 3,
  warnings: 1,
  findings: [
    finding(4, "L4", "联系电话“12345”不是有效的手机号码。"),
    finding(3, "I3", "解决日期早于收集日期。", "error", "date-order"),
    finding(4, "C4", "村“火星村”不在名单中。", "error", "unknown-branch"),
    finding(null, null, "缺少必填列。", "warning"),
  ],
  summary: { total: 3 },
};

function withProviders(ui: React.ReactNode, locale: "zh-CN" | "en" = "zh-CN") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale}>{ui}</I18nProvider>
    </FluentProvider>,
  );
}

describe("findings list", () => {
  it("lists errors first in the sheet's order, then the warnings", () => {
    withProviders(<FindingsList results={[report]} onSelect={() => undefined} />);
    const groups = screen.getAllByRole("group");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual(["错误（3）", "警告（1）"]);
    expect(
      within(groups[0])
        .getAllByRole("button")
        .map((b) => b.getAttribute("data-cell")),
    ).toEqual(["I3", "C4", "L4"]);
    expect(within(groups[1]).getByText("缺少必填列。")).toBeTruthy();
  });

  it("selects the cell when a finding is clicked or activated from the keyboard", () => {
    const onSelect = vi.fn();
    withProviders(<FindingsList results={[report]} onSelect={onSelect} />);
    const button = screen.getByRole("button", { name: /^定位到 L4：联系电话/ });
    fireEvent.click(button);
    expect(onSelect).toHaveBeenCalledWith("民情问题台账", "L4");
    // A native button: Enter and Space activate it, and it is in the tab order.
    expect(button.tagName).toBe("BUTTON");
    expect(button.getAttribute("tabindex")).not.toBe("-1");
  });

  it("speaks English when switched", () => {
    withProviders(<FindingsList results={[report]} onSelect={() => undefined} />, "en");
    expect(screen.getAllByRole("group").map((g) => g.getAttribute("aria-label"))).toEqual([
      "Error (3)",
      "Warning (1)",
    ]);
  });

  it("shows the engine's findings in English from their key, and keeps a finding without one as it came", () => {
    const [checked] = validateWorkbook(
      {
        sheets: [
          {
            name: "民情问题台账",
            values: [
              ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态", "解决日期"],
              ["M1", "2025-09-10", "火星村", "饮水", "井水浑浊", "已解决", ""],
            ],
            merges: [],
          },
        ],
        date1904: false,
      },
      { asOf: "2025-10-01", registry: DEFAULT_REGISTRY },
    );
    const old = finding(5, "C5", "旧服务器的提示。");
    withProviders(
      <FindingsList
        results={[{ ...checked, findings: [...checked.findings, old] }]}
        onSelect={() => undefined}
      />,
      "en",
    );
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual([
      "C2 村 “火星村” is not on the township's list of villages (branches).Fix: Enter a village or branch of this township.",
      "G2 办理状态 is “已解决”, but 解决日期 is empty.Fix: Fill in 解决日期, or change 办理状态 to what is true.",
      "C5 旧服务器的提示。",
    ]);
  });
});

describe("summary figures", () => {
  const sheet: SheetReport = {
    ...report,
    summary: { total: 3, resolvedRate: 0.3684, medianDaysToResolve: null, byStatus: { 已解决: 1, 待办: 2 } },
  };
  const rows = () => screen.getAllByRole("row").map((r) => r.textContent);

  it("labels each figure as its kind does, with its unit and rates as percentages", () => {
    withProviders(<SummaryView results={[sheet]} />);
    expect(rows()).toEqual(["指标数值", "问题总数3 件", "解决率36.8%", "办结天数中位数—"]);
    expect(screen.getByRole("img", { name: /^按办理状态：/ })).toBeTruthy();
  });

  it("labels them in English when switched", () => {
    withProviders(<SummaryView results={[sheet]} />, "en");
    expect(rows()).toEqual([
      "FigureValue",
      "Problems3 cases",
      "Resolution rate36.8%",
      "Median days to resolve—",
    ]);
    expect(screen.getByRole("img", { name: /^By status：/ })).toBeTruthy();
  });
});

describe("pane buttons", () => {
  // Actions are buttons, views are tabs: either says the pane offers it.
  const texts = (names: string[]) =>
    names.map(
      (n) => (screen.queryByRole("button", { name: n }) ?? screen.queryByRole("tab", { name: n })) !== null,
    );

  it("shows the clerk's buttons without a server, and no role-based ones", () => {
    render(<App host={fakeHost()} storage={memoryStorage()} />);
    expect(texts(["校验本表", "校验全部", "清除标记", "生成汇总", "插入模板", "提交"])).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(texts(["我的报送", "汇总全镇", "报送情况", "人员与令牌", "版本记录"])).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  for (const [role, expected] of [
    ["branch", [true, false, false, false, false]],
    ["office", [false, true, true, false, true]],
    ["admin", [false, true, true, true, true]],
  ] as const) {
    it(`GET /api/me as ${role} decides the role-based buttons`, async () => {
      const fetchImpl = vi.fn(async (url: string | URL | Request) => {
        expect(String(url)).toBe("https://ll.example/api/me");
        return jsonResponse({
          user: { id: "u1", name: "王芳", role, branch: null },
          role,
          branch: role === "branch" ? "老牛湾村党支部" : null,
        });
      }) as unknown as typeof fetch;
      const storage = connectedStorage("https://ll.example/", "t0k");
      render(<App host={fakeHost()} storage={storage} fetchImpl={fetchImpl} />);
      await waitFor(() => expect(screen.getByTestId("who").textContent).toContain("王芳"));
      expect(texts(["我的报送", "汇总全镇", "报送情况", "人员与令牌", "版本记录"])).toEqual(expected);
    });
  }

  it("offers a township's own ledger in 插入模板, asking the server for its registry when the view opens", async () => {
    const urls: string[] = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      urls.push(String(url));
      if (String(url).endsWith("/api/me"))
        return jsonResponse({
          user: { id: "u1", name: "李支书", role: "branch", branch: "老牛湾村党支部" },
          role: "branch",
          branch: "老牛湾村党支部",
        });
      return jsonResponse({ version: 2, updatedAt: "2025-10-01T00:00:00Z", registry: FLOOD_REGISTRY });
    }) as unknown as typeof fetch;
    const storage = connectedStorage("https://ll.example", "t");
    const host = fakeHost();
    render(<App host={host} storage={storage} fetchImpl={fetchImpl} />);
    await waitFor(() => expect(screen.getByTestId("who").textContent).toContain("李支书"));
    expect(urls).toEqual(["https://ll.example/api/me"]);
    fireEvent.click(screen.getByRole("tab", { name: "插入模板" }));
    await screen.findByRole("option", { name: "防汛值班台账" });
    expect(urls).toEqual(["https://ll.example/api/me", "https://ll.example/api/registry"]);
    fireEvent.change(screen.getByLabelText("台账类型"), { target: { value: "flood-duty" } });
    fireEvent.click(screen.getByRole("button", { name: "插入模板" }));
    await waitFor(() => expect(host.insertTemplate).toHaveBeenCalledTimes(1));
    expect(vi.mocked(host.insertTemplate).mock.calls[0][0].title).toBe("防汛值班台账");
  });

  it("validates with the embedded registry and the as-of date when no server is set, and lists the findings", async () => {
    // A 村 only the embedded registry can name, and a 收集日期 after the as-of date (2025-10-01).
    const workbook: WorkbookInput = {
      sheets: [
        {
          name: "民情问题台账",
          values: problemsSheet(1, { 村: "老牛弯", 收集日期: "2025-10-05" }),
          merges: [],
        },
      ],
      date1904: false,
    };
    const host = fakeHost();
    // The host runs the engine the pane gives it, as both real hosts do.
    host.validate = vi.fn(async (_scope, engine) => ({
      results: engine(workbook),
      workbook,
      cellsMarked: 0,
      notesWritten: 0,
      mode: "notes" as const,
    }));
    render(<App host={host} storage={memoryStorage()} now={() => new Date("2025-10-01T04:00:00Z")} />);
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    const expected = validateWorkbook(workbook, { asOf: "2025-10-01", registry: DEFAULT_REGISTRY })[0]
      .findings;
    expect(expected.map((f) => `${f.code} ${f.cell}`)).toEqual([
      "future-date B3",
      "unknown-branch C3",
      "pattern L3",
    ]);
    expect(expected[1].hint).toContain("老牛湾村党支部");
    await waitFor(() => expect(screen.getByText(expected[1].message)).toBeTruthy());
    expect(host.validate).toHaveBeenCalledWith("sheet", expect.any(Function), expect.any(Function));
    const listed = screen
      .getAllByRole("button", { name: /^定位到 / })
      .map((b) => b.getAttribute("aria-label"));
    expect(listed).toEqual(expected.map((f) => expect.stringContaining(`定位到 ${f.cell}：${f.column}`)));
    // Each finding as the engine words it with this registry and date, hint included (是否应为“老牛湾村党支部”？).
    const hints = screen.getAllByText(
      (_, el) =>
        el?.tagName === "SPAN" && el.textContent?.startsWith(paneText("zh-CN", "hintLabel")) === true,
    );
    expect(hints.map((el) => el.textContent)).toEqual(
      expected.filter((f) => f.hint).map((f) => `${paneText("zh-CN", "hintLabel")}${f.hint}`),
    );
    for (const f of expected) expect(screen.getByText(f.message)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^定位到 C3：村/ }));
    expect(host.selected).toEqual(["民情问题台账!C3"]);
  });

  it("on ExcelApi 1.7 offers the findings list and select-cell only, and says why", () => {
    const old: ExcelReach = { mode: "list", level: "1.7", formulas: false, comments: false };
    render(<App host={fakeHost([], old)} storage={memoryStorage()} />);
    expect(texts(["校验本表", "校验全部", "清除标记", "生成汇总", "插入模板", "提交"])).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    const banner = screen.getByTestId("excel-reach").textContent ?? "";
    expect(banner).toContain("ExcelApi 1.7");
    expect(banner).toContain("读不到合并单元格");
    expect(banner).toContain(`${window.location.origin}/`);
  });

  it("says the cells were only coloured on ExcelApi 1.14, and names the protected sheets left unmarked", async () => {
    const host = fakeHost([{ ...report, records: [] }], {
      mode: "colours",
      level: "1.14",
      formulas: true,
      comments: true,
    });
    host.validate = vi.fn(async () => ({
      results: [{ ...report, records: [] }],
      workbook: { sheets: [], date1904: false },
      cellsMarked: 3,
      notesWritten: 0,
      mode: "colours" as const,
      notesKept: 2,
      protectedSheets: ["党员花名册"],
    }));
    render(<App host={host} storage={memoryStorage()} />);
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    await waitFor(() => expect(screen.getByText(/已标记 3 个单元格/)).toBeTruthy());
    const notice = screen.getByText(/已标记 3 个单元格/).textContent ?? "";
    expect(notice).toContain("ExcelApi 1.14");
    expect(notice).toContain("党员花名册");
    expect(notice).toContain("有 2 条批注");
  });

  it("shows Excel's refusal in the catalogue's words", async () => {
    const host = fakeHost([{ ...report, records: [] }]);
    host.writeSummary = vi.fn(async () => {
      throw new PaneError("workbookProtected");
    });
    render(<App host={host} storage={memoryStorage()} />);
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    await waitFor(() => expect(host.validate).toHaveBeenCalled());
    fireEvent.click(screen.getByRole("button", { name: "生成汇总" }));
    await waitFor(() => expect(screen.getByText(/工作簿结构受保护/)).toBeTruthy());
  });

  it("switches to English", () => {
    render(<App host={fakeHost()} storage={memoryStorage()} />);
    fireEvent.click(screen.getByRole("button", { name: "语言" }));
    expect(screen.getByRole("button", { name: "Check this sheet" })).toBeTruthy();
  });
});

describe("the token", () => {
  const open = useExcel();
  const TOKEN = "ll_secret-token-of-the-clerk-0001";

  /** Every text in the workbook: cells, formulas, formats, notes, comments, properties, tables, charts, page setup. */
  function workbookTexts(model: StrictExcel["model"], settings: Map<string, unknown>): string {
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === "string") texts.push(v);
      else if (v instanceof Map) v.forEach((value, key) => (walk(key), walk(value)));
      else if (Array.isArray(v) || v instanceof Set) [...v].forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(model);
    walk(settings);
    return texts.join("\n");
  }

  it("is kept in browser storage and sent to the server, never written into the workbook", async () => {
    const excel = open([{ name: "民情问题台账", values: problemsSheet(2) }], { platform: "web", level: 18 });
    // Office's document settings travel inside the workbook file: the pane must not use them for the token.
    const documentSettings = new Map<string, unknown>();
    const office = (globalThis as unknown as { Office: { context: Record<string, unknown> } }).Office;
    office.context.document = {
      settings: {
        get: (k: string) => documentSettings.get(k) ?? null,
        set: (k: string, v: unknown) => void documentSettings.set(k, v),
        remove: (k: string) => void documentSettings.delete(k),
        saveAsync: (callback?: (r: { status: string }) => void) => callback?.({ status: "succeeded" }),
      },
    };
    const sent: string[] = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get("Authorization") ?? "");
      if (String(url).endsWith("/api/me"))
        return jsonResponse({
          user: { id: "u1", name: "王芳", role: "office", branch: null },
          role: "office",
          branch: null,
        });
      return jsonResponse({ version: 1, updatedAt: null, registry: DEFAULT_REGISTRY });
    }) as unknown as typeof fetch;
    const storage = memoryStorage();
    render(<App host={createExcelHost()} storage={storage} fetchImpl={fetchImpl} />);
    fireEvent.click(screen.getByRole("tab", { name: "设置" }));
    fireEvent.change(await screen.findByLabelText("服务器地址"), { target: { value: "https://ll.example" } });
    fireEvent.change(screen.getByLabelText("令牌"), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(screen.getByTestId("who").textContent).toContain("王芳"));
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    await waitFor(() => expect(screen.getByText(/已标记 2 个单元格/)).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "生成汇总" }));
    await waitFor(() => expect(excel.model.sheets.map((sh) => sh.name)).toContain("汇总"));

    expect(JSON.parse(storage.getItem("ledgerline.settings") ?? "{}")).toMatchObject({ token: TOKEN });
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent)).toEqual(new Set([`Bearer ${TOKEN}`]));
    const written = workbookTexts(excel.model, documentSettings);
    expect(written).toContain("民情问题台账");
    expect(written).not.toContain(TOKEN);
    expect(written).not.toContain(TOKEN.slice(3, 20));
  });
});

describe("submission", () => {
  it("keeps a failed submission and retries it with the same idempotency key", async () => {
    const bodies: { idempotencyKey: string }[] = [];
    let calls = 0;
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      if (String(url).endsWith("/api/me"))
        return jsonResponse({
          user: { id: "u1", name: "李支书", role: "branch", branch: "老牛湾村党支部" },
          role: "branch",
          branch: "老牛湾村党支部",
        });
      if (String(url).endsWith("/api/registry"))
        return jsonResponse({
          version: 1,
          updatedAt: null,
          registry: { township: { name: "老牛湾镇" }, branches: [{ name: "老牛湾村党支部" }] },
        });
      bodies.push(JSON.parse(String(init?.body)));
      calls += 1;
      if (calls === 1) throw new TypeError("Failed to fetch");
      return jsonResponse(receipt());
    }) as unknown as typeof fetch;
    const storage = connectedStorage("https://ll.example", "t");
    const clean: SheetResult = {
      ...report,
      errors: 0,
      warnings: 0,
      findings: [],
      period: "2025",
      records: [],
    };
    const host = fakeHost([clean]);
    host.validate = vi.fn(async () => ({
      results: [clean],
      workbook: { sheets: [{ name: "民情问题台账", values: [["x"]], merges: [] }], date1904: false },
      cellsMarked: 0,
      notesWritten: 0,
      mode: "notes" as const,
    }));
    render(<App host={host} storage={storage} fetchImpl={fetchImpl} />);
    await waitFor(() => expect(screen.getByTestId("who").textContent).toContain("李支书"));
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    await waitFor(() => expect(screen.getByText(/没有发现问题/)).toBeTruthy());
    fireEvent.click(screen.getByRole("tab", { name: "提交" }));
    fireEvent.click(
      within(await screen.findByRole("region", { name: "提交台账" })).getByRole("button", { name: "提交" }),
    );
    await waitFor(() => expect(screen.getByText(/提交失败/)).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "现在提交" }));
    await waitFor(() => expect(screen.getByText(/已提交“民情问题台账”：回执号 \d+，第 1 版/)).toBeTruthy());
    expect(bodies).toHaveLength(2);
    expect(bodies[1].idempotencyKey).toBe(bodies[0].idempotencyKey);
    expect(storage.getItem("ledgerline.pendingSubmission")).toBeNull();
  });
});

describe("reminder text", () => {
  it("lists every unit with missing or returned ledgers for the village group chat", () => {
    const cell = (kind: string, state: "submitted" | "missing" | "returned") => ({
      kind,
      period: "2025",
      state,
      due: "2026-01-05",
      submissionId: null,
      version: null,
      submittedAt: null,
      returnComment: null,
    });
    const counts = { submitted: 0, late: 0, returned: 0, missing: 0, pending: 0 };
    const text = reminderText(
      {
        year: "2025",
        asOf: "2026-01-10",
        kinds: [{ id: "problems", title: "民情问题台账", grain: "year", scope: "branch" }],
        rows: [
          { scope: "a", label: "老牛湾村党支部", cells: [cell("problems", "missing")], counts },
          { scope: "b", label: "乾坤湾村党支部", cells: [cell("problems", "submitted")], counts },
          { scope: "c", label: "麦虎村党支部", cells: [cell("problems", "returned")], counts },
        ],
        counts,
      },
      "老牛湾镇",
      "branches",
    );
    expect(text).toBe(
      "各位支部书记：截至 2026-01-10，以下台账尚未报送，请尽快通过台账通提交：\n老牛湾村党支部：民情问题台账（2025）\n麦虎村党支部：民情问题台账（2025，已退回）\n谢谢配合！——老牛湾镇党建办",
    );
  });
});
