/** The 退回 loop's screens: a submission the office opens and returns, 我的报送, the year's list. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi, type SubmissionDetail, type StatusResponse } from "../../addin/api";
import { I18nProvider } from "../../addin/app/i18n";
import { SubmissionView } from "../../addin/app/SubmissionView";
import { MySubmissions } from "../../addin/app/MySubmissions";
import { YearSubmissions } from "../../addin/app/YearSubmissions";
import { StatusView } from "../../addin/app/StatusView";
import { beijingTime } from "../../shared/read/dates";
import { jsonResponse } from "./pane";

afterEach(cleanup);

const BRANCH = "老牛湾村党支部";

const detail = (over: Partial<SubmissionDetail> = {}): SubmissionDetail => ({
  id: "sub-1",
  receiptNo: 42,
  kind: "problems",
  scope: BRANCH,
  period: "2025",
  version: 2,
  current: true,
  status: "submitted",
  returnComment: null,
  returnedAt: null,
  submittedBy: "李支书",
  onBehalf: false,
  createdAt: "2025-09-30T17:30:00.000Z",
  sheetName: "民情问题台账",
  rows: 1,
  warnings: 1,
  findings: [
    {
      code: "dues-unpaid",
      severity: "warning",
      sheet: "民情问题台账",
      cell: "E3",
      row: 3,
      column: "问题描述",
      message: "请核实问题描述。",
    },
  ],
  findingCounts: { "dues-unpaid": 1 },
  summary: {},
  records: [{ row: 3, values: { 编号: "MQ-001", 收集日期: "2025-02-02", 村: BRANCH, 办理状态: "办理中" } }],
  ...over,
});

/** A fake server: each route answers from `routes` (path → handler); every call is recorded. */
function server(routes: Record<string, (init?: RequestInit) => Response>) {
  const calls: { path: string; method: string; body: unknown }[] = [];
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const key = `${init?.method ?? "GET"} ${u.pathname}`;
    calls.push({
      path: u.pathname,
      method: init?.method ?? "GET",
      body: init?.body ? JSON.parse(String(init.body)) : null,
    });
    const handler = routes[key];
    if (!handler) return jsonResponse({ error: { code: "not-found", message: key } }, 404);
    return handler(init);
  }) as unknown as typeof fetch;
  return { api: createApi({ serverUrl: "https://ll.example", token: "t", fetch: fetchImpl }), calls };
}

function withProviders(ui: React.ReactNode, locale: "zh-CN" | "en" = "zh-CN") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale}>{ui}</I18nProvider>
    </FluentProvider>,
  );
}

describe("a submission opened by the office", () => {
  it("shows what it is in Beijing time with its receipt number, rows and warnings", async () => {
    const { api } = server({ "GET /api/submissions/sub-1": () => jsonResponse(detail()) });
    withProviders(<SubmissionView api={api} id="sub-1" onBack={() => undefined} />);
    await screen.findByRole("heading", { name: `民情问题台账 · ${BRANCH} · 2025` });
    // 17:30 UTC on 30 September is 01:30 on 1 October in Beijing.
    expect(screen.getByText("2025-10-01 01:30")).toBeTruthy();
    expect(screen.getByText("42")).toBeTruthy();
    expect(screen.getByText("第 2 版")).toBeTruthy();
    expect(screen.getByText("E3：请核实问题描述。")).toBeTruthy();
    expect(screen.getByRole("cell", { name: "MQ-001" })).toBeTruthy();
  });

  it("returns it only with a comment and after confirming, then says the branch will see it", async () => {
    const { api, calls } = server({
      "GET /api/submissions/sub-1": () => jsonResponse(detail()),
      "POST /api/submissions/sub-1/return": () =>
        jsonResponse({
          ...detail(),
          status: "returned",
          returnComment: "第 3 行解决日期请补填",
          returnedAt: "2025-10-02T02:00:00.000Z",
        }),
    });
    withProviders(<SubmissionView api={api} id="sub-1" onBack={() => undefined} />);
    const button = await screen.findByRole("button", { name: "退回" });
    fireEvent.click(button);
    expect(screen.getByText("请填写退回意见。")).toBeTruthy();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    fireEvent.change(screen.getByRole("textbox", { name: /退回意见/ }), {
      target: { value: "第 3 行解决日期请补填" },
    });
    fireEvent.click(screen.getByRole("button", { name: "退回" }));
    const dialog = await screen.findByRole("dialog");
    expect(
      within(dialog).getByText(
        `把${BRANCH}的“民情问题台账”（2025，第 2 版）退回吗？退回意见会显示给该支部。`,
      ),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "退回" }));
    await screen.findByText(`已退回。${BRANCH}会在“我的报送”中看到退回意见。`);
    expect(calls.filter((c) => c.method === "POST")).toEqual([
      { path: "/api/submissions/sub-1/return", method: "POST", body: { comment: "第 3 行解决日期请补填" } },
    ]);
    expect(screen.getByText(/退回意见：第 3 行解决日期请补填/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "退回" })).toBeNull();
  });

  it("says plainly that only the current version can be returned when the Worker answers 409", async () => {
    const { api } = server({
      "GET /api/submissions/sub-1": () => jsonResponse(detail()),
      "POST /api/submissions/sub-1/return": () =>
        jsonResponse(
          { error: { code: "not-current", message: "这是第 2 版，当前版本是第 3 版；只能退回当前版本。" } },
          409,
        ),
    });
    withProviders(<SubmissionView api={api} id="sub-1" onBack={() => undefined} />);
    fireEvent.change(await screen.findByRole("textbox", { name: /退回意见/ }), {
      target: { value: "请核实" },
    });
    fireEvent.click(screen.getByRole("button", { name: "退回" }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "退回" }));
    await screen.findByText("这份台账已有更新的版本，只能退回当前版本。请返回后重新打开。");
  });

  it("offers no 退回 for a version that is no longer current", async () => {
    const { api } = server({
      "GET /api/submissions/sub-1": () => jsonResponse(detail({ current: false, version: 1 })),
    });
    withProviders(<SubmissionView api={api} id="sub-1" onBack={() => undefined} />);
    await screen.findByText("第 1 版（已不是当前版本）");
    expect(screen.queryByRole("button", { name: "退回" })).toBeNull();
  });
});

const status = (cells: StatusResponse["rows"][number]["cells"]): StatusResponse => {
  const counts = { submitted: 0, late: 0, returned: 0, missing: 0, pending: 0 };
  for (const c of cells) counts[c.state] += 1;
  return {
    year: "2025",
    asOf: "2025-10-01",
    kinds: [
      { id: "problems", title: "民情问题台账", grain: "year", scope: "branch" },
      { id: "fieldwork", title: "到村工作日志", grain: "month", scope: "branch" },
    ],
    rows: [{ scope: BRANCH, label: BRANCH, cells, counts }],
    counts,
  };
};

const cell = (over: Partial<StatusResponse["rows"][number]["cells"][number]>) => ({
  kind: "problems",
  period: "2025",
  state: "pending" as const,
  due: "2026-01-05",
  submissionId: null,
  receiptNo: null,
  version: null,
  submittedAt: null,
  returnComment: null,
  ...over,
});

describe("我的报送", () => {
  const returned = cell({
    state: "returned",
    submissionId: "sub-1",
    receiptNo: 42,
    version: 1,
    submittedAt: "2025-09-30T17:30:00.000Z",
    returnComment: "第 3 行解决日期请补填。\n第 5 行受益人数与走访记录不符。",
  });

  it("lists each ledger with its state, the 退回意见 in full first, and counts", async () => {
    const { api } = server({
      "GET /api/status": () =>
        jsonResponse(
          status([
            cell({ kind: "fieldwork", period: "2025-08", state: "missing", due: "2025-09-05" }),
            returned,
            cell({ kind: "fieldwork", period: "2025-10", due: "2025-11-05" }),
          ]),
        ),
    });
    withProviders(<MySubmissions api={api} defaultYear="2025" onResubmit={() => undefined} />);
    await screen.findByText("2025 年：已退回 1 项，未报 1 项，逾期提交 0 项，已提交 0 项。");
    const items = screen.getAllByRole("listitem");
    expect(items.map((i) => i.getAttribute("aria-label"))).toEqual([
      "民情问题台账（2025）",
      "到村工作日志（2025-08）",
      "到村工作日志（2025-10）",
    ]);
    expect(within(items[0]).getByText("已退回")).toBeTruthy();
    expect(
      within(items[0]).getByText(`第 1 版 · ${beijingTime(returned.submittedAt ?? "")} · 回执号 42`),
    ).toBeTruthy();
    expect(items[0].textContent).toContain(
      "退回意见：第 3 行解决日期请补填。\n第 5 行受益人数与走访记录不符。",
    );
    expect(within(items[1]).getByText("未报")).toBeTruthy();
    expect(within(items[1]).getByText("截止 2025-09-05")).toBeTruthy();
    expect(within(items[2]).getByText("未到期")).toBeTruthy();
  });

  it("leads back to 提交 for the ledger clicked", async () => {
    const { api } = server({ "GET /api/status": () => jsonResponse(status([returned])) });
    const onResubmit = vi.fn();
    withProviders(<MySubmissions api={api} defaultYear="2025" onResubmit={onResubmit} />);
    fireEvent.click(await screen.findByRole("button", { name: "重新提交" }));
    expect(onResubmit).toHaveBeenCalledWith({ kind: "problems", title: "民情问题台账", period: "2025" });
  });

  it("speaks English", async () => {
    const { api } = server({ "GET /api/status": () => jsonResponse(status([returned])) });
    withProviders(<MySubmissions api={api} defaultYear="2025" onResubmit={() => undefined} />, "en");
    await screen.findByText("2025: 1 returned, 0 missing, 0 late, 0 submitted.");
    expect(screen.getByRole("button", { name: "Submit again" })).toBeTruthy();
  });
});

describe("opening a submission from the office's lists", () => {
  it("opens a submitted cell of 报送情况", async () => {
    const { api } = server({
      "GET /api/status": () =>
        jsonResponse(status([cell({ state: "submitted", submissionId: "sub-9", version: 1 })])),
    });
    const onOpen = vi.fn();
    withProviders(<StatusView api={api} township="老牛湾镇" defaultYear="2025" onOpenSubmission={onOpen} />);
    // The cell's button is named by its period, whatever else the matrix says beside it.
    const [button] = await screen.findAllByRole("button", { name: /2025/ });
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith("sub-9");
  });

  it("lists the year's current submissions with their receipt numbers, each opened with one click", async () => {
    const { api } = server({
      "GET /api/submissions": () => {
        const { findings: _f, findingCounts: _c, summary: _s, records: _r, ...item } = detail();
        return jsonResponse({ submissions: [item] });
      },
    });
    const onOpen = vi.fn();
    withProviders(<YearSubmissions api={api} defaultYear="2025" onOpen={onOpen} />);
    const open = await screen.findByRole("button", { name: `查看${BRANCH}的“民情问题台账”（2025）` });
    expect(screen.getByText("第 2 版 · 2025-10-01 01:30 · 回执号 42")).toBeTruthy();
    fireEvent.click(open);
    expect(onOpen).toHaveBeenCalledWith("sub-1");
  });
  it("keeps the year the clerk asked for when the first year's answer arrives after it", async () => {
    const { findings: _f, findingCounts: _c, summary: _s, records: _r, ...item } = detail();
    let releaseFirst: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      const year = new URL(String(url)).searchParams.get("year");
      if (year === "2026") {
        await first;
        return jsonResponse({ submissions: [] });
      }
      return jsonResponse({ submissions: [item] });
    }) as unknown as typeof fetch;
    const api = createApi({ serverUrl: "https://ll.example", token: "t", fetch: fetchImpl });
    withProviders(<YearSubmissions api={api} defaultYear="2026" onOpen={() => undefined} />);
    fireEvent.change(screen.getByRole("textbox", { name: "年度" }), { target: { value: "2025" } });
    fireEvent.click(screen.getByRole("button", { name: "本年已提交" }));
    await screen.findByText("第 2 版 · 2025-10-01 01:30 · 回执号 42");
    releaseFirst();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText("第 2 版 · 2025-10-01 01:30 · 回执号 42")).toBeTruthy();
    expect(screen.queryByText("2026 年还没有提交的台账。")).toBeNull();
  });
});
