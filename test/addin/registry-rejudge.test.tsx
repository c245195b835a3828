/**
 * 按现行登记信息重新校验 in 版本记录 (admin): 预览 sends the dry run of POST /api/registry/rejudge
 * and lists whose conclusion would change and what was skipped; only 确认保存 sends `apply: true`;
 * a 409 drops the preview; failures are said in words; the office never sees the section.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi } from "../../addin/api";
import { App } from "../../addin/app/App";
import { I18nProvider } from "../../addin/app/i18n";
import { RegistryVersions } from "../../addin/app/registry/RegistryVersions";
import type { RejudgeResponse } from "../../shared/api";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { fakeHost, jsonResponse, connectedStorage } from "./pane";

afterEach(cleanup);

const VERSIONS = {
  current: 2,
  versions: [
    { version: 2, createdAt: "2025-10-01T02:30:00Z", createdBy: "测试管理员", changes: ["改了频次"] },
  ],
};

const conclusion = (warnings: number, counts: Record<string, number>, errors = 0) => ({
  errors,
  warnings,
  counts,
});

const PREVIEW: RejudgeResponse = {
  year: "2025",
  registryVersion: 2,
  applied: false,
  judged: 40,
  changed: [
    {
      id: "s1",
      kind: "branch-meetings",
      scope: "老牛湾村党支部",
      period: "2025-Q3",
      registryVersion: 1,
      before: conclusion(3, { "cadence-gap": 2, quorum: 1 }),
      after: conclusion(0, {}),
    },
    {
      id: "s2",
      kind: "fieldwork",
      scope: "office",
      period: "2025-05",
      registryVersion: null,
      before: conclusion(0, {}),
      after: conclusion(1, { "visit-days": 1 }),
    },
  ],
  skipped: ["老牛湾村党支部", "万家寨村党支部", "窑头村党支部", "寺沟村党支部"].map((scope, i) => ({
    id: `r${i}`,
    kind: "members",
    scope,
    period: "2025",
    reason: "服务器只保存身份证号的掩码，无法重新校验；如需按现行规则校验，请重新提交。",
  })),
  message: "2 份台账的结论会变化（共重新校验 40 份）；确认后才会保存。",
};

const APPLIED: RejudgeResponse = {
  ...PREVIEW,
  applied: true,
  message: "已按第 2 版登记信息重新校验 40 份台账，2 份的结论已变化。",
};

type Answer = { status: number; body: unknown } | "offline";

/**
 * The view as the admin sees it, on a server that answers each POST /api/registry/rejudge with
 * the next of `answers`; `sent` holds the bodies of those requests.
 */
function adminView(
  answers: Answer[],
  options: { year?: string; locale?: "zh-CN" | "en"; online?: boolean } = {},
) {
  const sent: unknown[] = [];
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    if (String(url) === "https://ll.example/api/registry/versions") return jsonResponse(VERSIONS);
    expect(String(url)).toBe("https://ll.example/api/registry/rejudge");
    expect(init?.method).toBe("POST");
    sent.push(JSON.parse(String(init?.body)));
    const next = answers.shift();
    if (next === undefined) throw new Error("unexpected request");
    if (next === "offline") throw new TypeError("Failed to fetch");
    return jsonResponse(next.body, next.status);
  });
  const api = createApi({
    serverUrl: "https://ll.example",
    token: "t",
    fetch: fetchImpl as unknown as typeof fetch,
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={options.locale ?? "zh-CN"}>
        <RegistryVersions
          api={api}
          online={options.online ?? true}
          rejudge={{ registry: DEFAULT_REGISTRY, year: options.year ?? "2026" }}
        />
      </I18nProvider>
    </FluentProvider>,
  );
  return { sent };
}

const button = (name: string) => screen.getByRole("button", { name });
const itemsOf = (list: string) =>
  within(screen.getByRole("list", { name: list }))
    .getAllByRole("listitem")
    .map((li) => li.textContent);

async function previewed(answers: Answer[]) {
  const view = adminView([{ status: 200, body: PREVIEW }, ...answers]);
  fireEvent.change(screen.getByLabelText("年度"), { target: { value: "2025" } });
  fireEvent.click(button("预览"));
  await screen.findByText(PREVIEW.message);
  return view;
}

describe("按现行登记信息重新校验", () => {
  it("offers this year and the one before, and sends nothing until 预览", async () => {
    const { sent } = adminView([]);
    const year = screen.getByLabelText("年度");
    expect(
      within(year)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["2026", "2025"]);
    expect((year as HTMLSelectElement).value).toBe("2026");
    await screen.findByRole("listitem", { name: "第 2 版" });
    expect(sent).toEqual([]);
    expect(screen.queryByRole("button", { name: "确认保存" })).toBeNull();
  });

  it("预览 sends a dry run and lists exactly the changed ledgers, before → after, and the skipped ones", async () => {
    const { sent } = await previewed([]);
    expect(sent).toEqual([{ year: "2025" }]);
    expect(screen.getByText(PREVIEW.message).getAttribute("role")).toBe("status");
    expect(itemsOf("结论会变化的台账（2 份）")).toEqual([
      "三会一课台账 · 老牛湾村党支部 · 2025-Q3警告 3 → 0；到会人数不足 1 → 0；未按期召开 2 → 0",
      "到村工作日志 · 镇党建办 · 2025-05警告 0 → 1；到村天数不足 0 → 1",
    ]);
    const reason = PREVIEW.skipped[0].reason;
    expect(itemsOf("无法重新校验的台账（4 份）")).toEqual([
      `党员花名册 · 老牛湾村党支部 · 2025${reason}`,
      `党员花名册 · 万家寨村党支部 · 2025${reason}`,
      `党员花名册 · 窑头村党支部 · 2025${reason}`,
    ]);
    const more = button("展开其余 1 条");
    expect(more.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(more);
    expect(itemsOf("无法重新校验的台账（4 份）")).toHaveLength(4);
    expect(itemsOf("无法重新校验的台账（4 份）")[3]).toBe(`党员花名册 · 寺沟村党支部 · 2025${reason}`);
  });

  it("names errors when they move", async () => {
    const withError = {
      ...PREVIEW,
      changed: [{ ...PREVIEW.changed[0], after: conclusion(0, { "missing-column": 1 }, 1) }],
      skipped: [],
    };
    adminView([{ status: 200, body: withError }]);
    fireEvent.click(button("预览"));
    await screen.findByText(PREVIEW.message);
    expect(itemsOf("结论会变化的台账（1 份）")).toEqual([
      "三会一课台账 · 老牛湾村党支部 · 2025-Q3错误 0 → 1；警告 3 → 0；缺少列 0 → 1；到会人数不足 1 → 0；未按期召开 2 → 0",
    ]);
    expect(screen.queryByRole("list", { name: /无法重新校验/ })).toBeNull();
  });

  it("确认保存 sends apply: true for the previewed year and shows the server's answer", async () => {
    const { sent } = await previewed([{ status: 200, body: APPLIED }]);
    fireEvent.click(button("确认保存"));
    expect(button("确认保存").hasAttribute("disabled")).toBe(true);
    expect(button("预览").hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("正在保存 2025 年重新校验的结论，请稍候…").getAttribute("role")).toBe("status");
    expect(await screen.findByText(APPLIED.message)).toBeTruthy();
    expect(sent).toEqual([{ year: "2025" }, { year: "2025", apply: true }]);
    expect(screen.queryByRole("button", { name: "确认保存" })).toBeNull();
    expect(screen.queryByRole("list", { name: "结论会变化的台账（2 份）" })).toBeNull();
  });

  it("取消 drops the preview without sending anything more", async () => {
    const { sent } = await previewed([]);
    fireEvent.click(button("取消"));
    expect(screen.queryByRole("button", { name: "确认保存" })).toBeNull();
    expect(screen.queryByText(PREVIEW.message)).toBeNull();
    expect(sent).toEqual([{ year: "2025" }]);
    expect(document.activeElement).toBe(button("预览"));
  });

  it("disables 预览 and says so while the dry run runs", async () => {
    adminView([{ status: 200, body: PREVIEW }]);
    fireEvent.click(button("预览"));
    expect(screen.getByText("正在重新校验 2026 年的台账，请稍候…").getAttribute("role")).toBe("status");
    expect(button("预览").hasAttribute("disabled")).toBe(true);
    await screen.findByText(PREVIEW.message);
    expect(button("预览").hasAttribute("disabled")).toBe(false);
  });

  it("shows a 409 in the server's words and asks for a new preview before saving", async () => {
    const conflict = "重新校验期间登记信息已被修改，本次未保存任何结论；请重新预览后再确认。";
    const { sent } = await previewed([
      { status: 409, body: { error: { code: "conflict", message: conflict } } },
      { status: 200, body: PREVIEW },
    ]);
    fireEvent.click(button("确认保存"));
    expect((await screen.findByRole("alert")).textContent).toBe(conflict);
    expect(screen.queryByRole("button", { name: "确认保存" })).toBeNull();
    expect(screen.queryByRole("list", { name: "结论会变化的台账（2 份）" })).toBeNull();
    fireEvent.click(button("预览"));
    await screen.findByRole("button", { name: "确认保存" });
    expect(sent).toEqual([{ year: "2025" }, { year: "2025", apply: true }, { year: "2025" }]);
  });

  it("says a failed dry run in words, with nothing to confirm", async () => {
    const { sent } = adminView([
      { status: 500, body: { error: { code: "internal", message: "服务器内部错误，请稍后重试。" } } },
      "offline",
    ]);
    fireEvent.click(button("预览"));
    expect((await screen.findByRole("alert")).textContent).toBe("未能重新校验：服务器内部错误，请稍后重试。");
    expect(screen.queryByRole("button", { name: "确认保存" })).toBeNull();
    fireEvent.click(button("预览"));
    expect((await screen.findByText(/^未能重新校验：无法连接服务器/)).getAttribute("role")).toBe("alert");
    expect(sent).toEqual([{ year: "2026" }, { year: "2026" }]);
  });

  it("keeps the preview when saving fails for another reason, so 确认保存 can be tried again", async () => {
    const { sent } = await previewed(["offline", { status: 200, body: APPLIED }]);
    fireEvent.click(button("确认保存"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^未能重新校验：无法连接服务器/);
    fireEvent.click(button("确认保存"));
    expect(await screen.findByText(APPLIED.message)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(sent).toEqual([{ year: "2025" }, { year: "2025", apply: true }, { year: "2025", apply: true }]);
  });

  it("drops a preview when another year is chosen", async () => {
    const { sent } = await previewed([]);
    fireEvent.change(screen.getByLabelText("年度"), { target: { value: "2026" } });
    expect(screen.queryByRole("button", { name: "确认保存" })).toBeNull();
    expect(screen.queryByText(PREVIEW.message)).toBeNull();
    expect(sent).toEqual([{ year: "2025" }]);
  });

  it("offline: says so and sends nothing", () => {
    const { sent } = adminView([], { online: false });
    expect(screen.getByText("当前处于离线状态，联网后才能重新校验。").getAttribute("role")).toBe("status");
    expect(button("预览").hasAttribute("disabled")).toBe(true);
    fireEvent.click(button("预览"));
    expect(sent).toEqual([]);
  });

  it("speaks English when the pane does", async () => {
    adminView([{ status: 200, body: PREVIEW }], { locale: "en" });
    fireEvent.click(button("Preview"));
    await screen.findByText(PREVIEW.message);
    expect(itemsOf("Ledgers whose conclusion would change (2)")[0]).toBe(
      "Branch meetings and party lessons · 老牛湾村党支部 · 2025-Q3warnings 3 → 0; quorum 1 → 0; meeting missed 2 → 0",
    );
    expect(button("Confirm and save")).toBeTruthy();
  });
});

describe("who sees 重新校验", () => {
  for (const [role, shown] of [
    ["office", false],
    ["admin", true],
  ] as const) {
    it(`${role}: the section is ${shown ? "shown" : "absent"} in 版本记录`, async () => {
      const fetchImpl = vi.fn(async (url: string | URL | Request) => {
        const path = new URL(String(url)).pathname;
        if (path === "/api/me")
          return jsonResponse({ user: { id: "u1", name: "王芳", role, branch: null }, role, branch: null });
        if (path === "/api/registry/versions") return jsonResponse(VERSIONS);
        return jsonResponse({ error: { code: "not-found", message: "没有找到。" } }, 404);
      }) as unknown as typeof fetch;
      const storage = connectedStorage("https://ll.example/", "t0k");
      render(<App host={fakeHost()} storage={storage} fetchImpl={fetchImpl} />);
      fireEvent.click(await screen.findByRole("tab", { name: "版本记录" }));
      await screen.findByRole("listitem", { name: "第 2 版" });
      expect(screen.queryByRole("heading", { name: "按现行登记信息重新校验" }) !== null).toBe(shown);
      expect(screen.queryByRole("button", { name: "预览" }) !== null).toBe(shown);
      await waitFor(() => expect(fetchImpl).toHaveBeenCalled());
      expect(
        vi.mocked(fetchImpl).mock.calls.some(([url]) => String(url).endsWith("/api/registry/rejudge")),
      ).toBe(false);
    });
  }
});
