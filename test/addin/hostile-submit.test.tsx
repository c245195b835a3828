/**
 * The pane against the attacks of issue 8: a failed submission must leave nothing of the sheet
 * (members' ID numbers) in the browser's storage, must not be retried against another server,
 * makes one idempotency key per click, and never shows a receipt as new unless it names the
 * current version. 人员与令牌 asks before revoking a token or disabling a user, naming whom.
 * (The outbox itself, IndexedDB included, is tested in outbox.test.tsx.)
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi, type Receipt } from "../../addin/api";
import { AdminView } from "../../addin/app/AdminView";
import { App } from "../../addin/app/App";
import { I18nProvider } from "../../addin/app/i18n";
import { SubmitPanel } from "../../addin/app/SubmitPanel";
import { OfflineNotices } from "../../addin/app/OfflineNotices";
import { createOutbox, type Outbox } from "../../addin/app/outbox";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { WorkbookInput } from "../../shared/workbook";
import { idCheckChar } from "../fixtures/common";
import { BRANCH_ME, cleanResult, fakeHost, jsonResponse, connectedStorage, receipt } from "./pane";

afterEach(cleanup);
const ID = (() => {
  const first17 = "14093219800101001";
  return first17 + idCheckChar(first17);
})();

const workbook: WorkbookInput = {
  sheets: [
    {
      name: "党员花名册",
      values: [
        ["姓名", "性别", "公民身份号码", "所在支部"],
        ["张三", "男", ID, "老牛湾村党支部"],
      ],
      merges: [],
    },
  ],
  date1904: false,
};

const result = cleanResult("党员花名册", "members");
const me = BRANCH_ME;

const roll = (over: Partial<Receipt> = {}) => receipt({ kind: "members", rows: 1, ...over });

/** A fetch that records every request and answers with the next of `answers` (an Error is thrown). */
function scripted(answers: (Response | Error)[]) {
  const requests: { url: string; body: { idempotencyKey?: string } | null }[] = [];
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : null });
    const next = answers.shift() ?? new Error("no answer scripted");
    if (next instanceof Error) throw new TypeError("Failed to fetch");
    return next;
  }) as unknown as typeof fetch;
  return { fetchImpl, requests };
}

/** 提交 and the outbox's notices, as App shows them, for one server. */
function submitPanel(serverUrl: string, fetchImpl: typeof fetch, outbox: Outbox) {
  const api = createApi({ serverUrl, token: "t", fetch: fetchImpl });
  const binding = { serverUrl, token: "t", userId: me.user.id };
  return (
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="zh-CN">
        <OfflineNotices outbox={outbox} api={api} binding={binding} online />
        <SubmitPanel
          api={api}
          binding={binding}
          online
          outbox={outbox}
          me={me}
          registry={DEFAULT_REGISTRY}
          results={[result]}
          workbook={workbook}
        />
      </I18nProvider>
    </FluentProvider>
  );
}

const clickSubmit = () =>
  fireEvent.click(
    within(screen.getByRole("region", { name: "提交台账" })).getByRole("button", { name: "提交" }),
  );

describe("a submission that fails for lack of network", () => {
  it("keeps nothing of the sheet in the browser's storage, and clears what an older version left", async () => {
    const legacy = JSON.stringify({ serverUrl: "https://old.example", body: { sheet: { values: [[ID]] } } });
    const storage = connectedStorage("https://ll.example", "t", {
      "ledgerline.pendingSubmission": legacy,
    });
    const host = fakeHost([result]);
    host.validate = vi.fn(async () => ({
      results: [result],
      workbook,
      cellsMarked: 0,
      notesWritten: 0,
      mode: "notes" as const,
    }));
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      if (String(url).endsWith("/api/me")) return jsonResponse(me);
      if (String(url).endsWith("/api/registry"))
        return jsonResponse({ version: 1, updatedAt: null, registry: DEFAULT_REGISTRY });
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    render(
      <App host={host} storage={storage} fetchImpl={fetchImpl} outbox={createOutbox({ store: null })} />,
    );
    await waitFor(() => expect(screen.getByTestId("who").textContent).toContain("李支书"));
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    await waitFor(() => expect(screen.getByText(/没有发现问题/)).toBeTruthy());
    fireEvent.click(screen.getByRole("tab", { name: "提交" }));
    await screen.findByRole("region", { name: "提交台账" });
    clickSubmit();
    await waitFor(() => expect(screen.getByText(/提交失败/)).toBeTruthy());
    const stored = Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i) ?? ""));
    expect(stored.join("\n")).not.toContain(ID.slice(6, 14));
    expect(storage.getItem("ledgerline.pendingSubmission")).toBeNull();
    // The attempt is still there, in memory, to be sent again.
    expect(screen.getByRole("button", { name: "现在提交" })).toBeTruthy();
  });

  it("is not retried against another server once the server is changed", async () => {
    const outbox = createOutbox({ store: null });
    const { fetchImpl, requests } = scripted([new Error("offline")]);
    const view = render(submitPanel("https://ll.example", fetchImpl, outbox));
    clickSubmit();
    await waitFor(() => expect(screen.getByText(/提交失败/)).toBeTruthy());
    view.rerender(submitPanel("https://evil.example", fetchImpl, outbox));
    await waitFor(() =>
      expect(
        screen.getByText("未完成的提交是发往 https://ll.example 的，服务器地址已更改，已放弃；请重新提交。"),
      ).toBeTruthy(),
    );
    expect(screen.queryByRole("button", { name: "现在提交" })).toBeNull();
    expect(outbox.list()).toEqual([]);
    expect(requests.map((r) => new URL(r.url).host)).toEqual(["ll.example"]);
  });
});

describe("attempts", () => {
  it("makes one key per click and reuses it only for that click's retry", async () => {
    const { fetchImpl, requests } = scripted([
      new Error("offline"),
      jsonResponse(roll(), 201),
      jsonResponse(roll({ outcome: "unchanged" })),
    ]);
    render(submitPanel("https://ll.example", fetchImpl, createOutbox({ store: null })));
    clickSubmit();
    await waitFor(() => expect(screen.getByText(/提交失败/)).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "现在提交" }));
    await waitFor(() => expect(screen.getByText(/已提交“党员花名册”：回执号 \d+，第 1 版/)).toBeTruthy());
    clickSubmit();
    await waitFor(() =>
      expect(screen.getByText("“党员花名册”与当前第 1 版相同，无需重复提交。")).toBeTruthy(),
    );
    const keys = requests.map((r) => r.body?.idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it.each([
    [
      roll({ outcome: "unchanged", status: "returned", returnComment: "请补全入党时间" }),
      "“党员花名册”与已退回的第 1 版内容相同（退回意见：请补全入党时间），请按意见修改后再提交。",
    ],
    [
      roll({ version: 3, current: false, currentVersion: 4 }),
      "“党员花名册”的第 3 版已不是当前版本（当前为第 4 版），请核对后重新提交。",
    ],
  ])("never shows a receipt as new unless it names the current version", async (answer, line) => {
    const { fetchImpl } = scripted([jsonResponse(answer)]);
    render(submitPanel("https://ll.example", fetchImpl, createOutbox({ store: null })));
    clickSubmit();
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(line));
    expect(screen.queryByText(/已提交/)).toBeNull();
  });
});

describe("人员与令牌", () => {
  const users = {
    users: [
      {
        id: "u-b1",
        name: "老牛湾村书记",
        role: "branch",
        branch: "老牛湾村党支部",
        disabledAt: null,
        tokens: [{ id: "tok-123456789", createdAt: "2025-01-01", revokedAt: null, expiresAt: null }],
      },
    ],
  };

  function admin() {
    const calls: string[] = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push(`${method} ${new URL(String(url)).pathname}`);
      if (method === "DELETE") return jsonResponse({ id: "tok-123456789", revokedAt: "2025-10-01" });
      if (method === "PATCH") return jsonResponse({ ...users.users[0], disabledAt: "2025-10-01" });
      return jsonResponse(users);
    }) as unknown as typeof fetch;
    render(
      <FluentProvider theme={webLightTheme}>
        <I18nProvider locale="zh-CN">
          <AdminView
            api={createApi({ serverUrl: "https://ll.example", token: "t", fetch: fetchImpl })}
            registry={DEFAULT_REGISTRY}
            onRegistry={() => undefined}
          />
        </I18nProvider>
      </FluentProvider>,
    );
    return calls;
  }

  it("asks before revoking a token, naming whose it is, and revokes only on confirmation", async () => {
    const calls = admin();
    const revoke = await screen.findByRole("button", { name: "吊销 老牛湾村书记 tok-123456789" });
    fireEvent.click(revoke);
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("吊销老牛湾村书记的令牌 tok-12？吊销后该令牌立即失效，无法恢复。");
    fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls.filter((c) => c.startsWith("DELETE"))).toEqual([]);
    fireEvent.click(revoke);
    // The first dialog may still be leaving the page (hidden); the button that answers is the new one's.
    fireEvent.click(await screen.findByRole("button", { name: "确定" }));
    await waitFor(() => expect(calls).toContain("DELETE /api/tokens/tok-123456789"));
  });

  it("asks before disabling a user, then disables them", async () => {
    const calls = admin();
    fireEvent.click(await screen.findByRole("button", { name: "停用" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("停用老牛湾村书记？其所有令牌立即失效，可再启用。");
    fireEvent.click(within(dialog).getByRole("button", { name: "确定" }));
    await waitFor(() => expect(calls).toContain("PATCH /api/users/u-b1"));
    await waitFor(() => expect(screen.getByText("已停用老牛湾村书记，其令牌均已失效。")).toBeTruthy());
  });
});
