/**
 * 恢复为此版 in 版本记录 (admin): an earlier version loaded from GET /api/registry/versions/:version,
 * what restoring would change against the current registry, and only on 确认恢复 the old body sent
 * unchanged through PUT /api/registry?restoredFrom=N; 取消 sends nothing, a 400 is shown in the
 * server's words and changes nothing; the office sees no button.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi } from "../../addin/api";
import { I18nProvider } from "../../addin/app/i18n";
import { RegistryVersions } from "../../addin/app/registry/RegistryVersions";
import type { RegistryVersionsResponse } from "../../shared/api-versions";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { jsonResponse } from "./pane";

afterEach(cleanup);
const BASE = "https://ll.example/api";
/** Version 1, as stored: the default registry. */
const OLD: Registry = DEFAULT_REGISTRY;
/** The current version 3: 老牛湾村党支部 deleted by mistake and 报送截止日 moved to the 10th. */
const CURRENT: Registry = { ...DEFAULT_REGISTRY, branches: DEFAULT_REGISTRY.branches.slice(1), dueDay: 10 };

const VERSIONS: RegistryVersionsResponse = {
  current: 3,
  versions: [
    {
      version: 3,
      createdAt: "2025-10-01T02:30:00Z",
      createdBy: "测试管理员",
      changes: ["报送截止日由“5”改为“10”"],
    },
    {
      version: 2,
      createdAt: "2025-09-30T02:30:00Z",
      createdBy: "测试管理员",
      changes: ["删除支部“老牛湾村党支部”"],
    },
    { version: 1, createdAt: "2025-09-01T00:00:00Z", createdBy: "测试管理员", changes: [] },
  ],
};
const RESTORED: RegistryVersionsResponse = {
  current: 4,
  versions: [
    {
      version: 4,
      createdAt: "2025-10-02T02:30:00Z",
      createdBy: "测试管理员",
      changes: ["恢复为第 1 版", "新增支部“老牛湾村党支部”", "报送截止日由“10”改为“5”"],
    },
    ...VERSIONS.versions,
  ],
};

interface Server {
  /** Version 1's body as the server answers it. */
  old?: Record<string, unknown>;
  /** The answer to the PUT. */
  put?: { status: number; body: unknown };
  current?: Registry;
}

/** The view on a fake server; `puts` holds each PUT's URL and body text as sent. */
function adminView(server: Server = {}, options: { admin?: boolean; online?: boolean } = {}) {
  const puts: { url: string; body: string }[] = [];
  let restored = false;
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url).slice(BASE.length);
    if (init?.method === "PUT") {
      puts.push({ url: path, body: String(init.body) });
      const answer = server.put ?? {
        status: 200,
        body: { version: 4, updatedAt: "2025-10-02T02:30:00Z", registry: OLD },
      };
      restored = answer.status === 200;
      return jsonResponse(answer.body, answer.status);
    }
    if (path === "/registry/versions") return jsonResponse(restored ? RESTORED : VERSIONS);
    if (path === "/registry/versions/1")
      return jsonResponse({
        version: 1,
        createdAt: "2025-09-01T00:00:00Z",
        createdBy: "测试管理员",
        registry: server.old ?? OLD,
      });
    if (path === "/registry")
      return jsonResponse({
        version: 3,
        updatedAt: "2025-10-01T02:30:00Z",
        registry: server.current ?? CURRENT,
      });
    throw new Error(`unexpected request ${path}`);
  });
  const onRegistry = vi.fn();
  const api = createApi({
    serverUrl: "https://ll.example",
    token: "t",
    fetch: fetchImpl as unknown as typeof fetch,
  });
  const admin = options.admin ?? true;
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="zh-CN">
        <RegistryVersions
          api={api}
          online={options.online ?? true}
          rejudge={admin ? { registry: CURRENT, year: "2026" } : null}
          onRegistry={admin ? onRegistry : null}
        />
      </I18nProvider>
    </FluentProvider>,
  );
  const gets = () =>
    fetchImpl.mock.calls
      .filter(([, init]) => init?.method !== "PUT")
      .map(([u]) => String(u).slice(BASE.length));
  return { puts, onRegistry, gets };
}

const version = (n: number) => screen.findByRole("listitem", { name: `第 ${n} 版` });
const restoreButton = async (n: number) =>
  within(await version(n)).getByRole("button", { name: "恢复为此版" });

describe("恢复为此版", () => {
  it("is offered to the admin on each earlier version, not on the current one, and not to the office", async () => {
    adminView();
    expect(within(await version(3)).queryByRole("button", { name: "恢复为此版" })).toBeNull();
    expect(await restoreButton(2)).toBeTruthy();
    expect(await restoreButton(1)).toBeTruthy();
    cleanup();
    adminView({}, { admin: false });
    await version(3);
    expect(screen.queryAllByRole("button", { name: "恢复为此版" })).toHaveLength(0);
  });

  it("shows what restoring would change against the current registry, focused, before anything is sent", async () => {
    const { puts, gets } = adminView();
    fireEvent.click(await restoreButton(1));
    const preview = await screen.findByRole("group", { name: "恢复为第 1 版" });
    expect(within(preview).getByText("恢复后与当前相比：")).toBeTruthy();
    expect(
      within(preview)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["新增支部“老牛湾村党支部”", "报送截止日由“10”改为“5”"]);
    await waitFor(() => expect(document.activeElement).toBe(preview));
    expect(gets().sort()).toEqual(["/registry", "/registry/versions", "/registry/versions/1"]);
    expect(puts).toEqual([]);
  });

  it("on 确认恢复 sends exactly the stored body, then shows the new current version and updates the pane", async () => {
    // As stored: key order and a field the pane would never write itself stay as they are.
    const stored = { dueDay: 5, ...OLD };
    const { puts, onRegistry } = adminView({ old: stored });
    fireEvent.click(await restoreButton(1));
    const preview = await screen.findByRole("group", { name: "恢复为第 1 版" });
    fireEvent.click(within(preview).getByRole("button", { name: "确认恢复" }));
    const done = await screen.findByText("已恢复为第 1 版，保存为第 4 版。");
    expect(puts).toEqual([{ url: "/registry?restoredFrom=1", body: JSON.stringify(stored) }]);
    expect(onRegistry).toHaveBeenCalledWith(OLD);
    expect(
      screen.getByText(
        "已提交台账的结论仍是按原来的登记信息得出的，可以在上方“按现行登记信息重新校验”中预览并重新校验。",
      ),
    ).toBeTruthy();
    const fourth = await version(4);
    expect(fourth.getAttribute("aria-current")).toBe("true");
    expect(within(fourth).getByText("恢复为第 1 版")).toBeTruthy();
    expect(within(await version(3)).getByRole("button", { name: "恢复为此版" })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(done.parentElement));
  });

  it("sends nothing on 取消 and gives the focus back to the button", async () => {
    const { puts } = adminView();
    fireEvent.click(await restoreButton(1));
    const preview = await screen.findByRole("group", { name: "恢复为第 1 版" });
    fireEvent.click(within(preview).getByRole("button", { name: "取消" }));
    expect(screen.queryByRole("group", { name: "恢复为第 1 版" })).toBeNull();
    await waitFor(() => expect(document.activeElement?.textContent).toBe("恢复为此版"));
    expect(within(await version(1)).getByRole("button", { name: "恢复为此版" })).toBe(document.activeElement);
    expect(puts).toEqual([]);
  });

  it("says when the version is the same as the current one, with nothing to confirm", async () => {
    adminView({ current: OLD });
    fireEvent.click(await restoreButton(1));
    const preview = await screen.findByRole("group", { name: "恢复为第 1 版" });
    expect(within(preview).getByText("与当前版本相同，无需恢复。")).toBeTruthy();
    expect(within(preview).queryByRole("button", { name: "确认恢复" })).toBeNull();
  });

  it("shows the server's 400 for a body today's schema refuses and changes nothing", async () => {
    const old = { ...OLD, ledgers: [{ id: "members", title: "旧台账", columns: [] }] };
    const message =
      "登记信息有 1 处需要修改：本镇台账第 1 种“旧台账” · 编号：编号“members”已是内置台账“党员花名册”的编号，请换一个";
    const { puts, onRegistry, gets } = adminView({
      old,
      put: { status: 400, body: { error: { code: "bad-request", message } } },
    });
    fireEvent.click(await restoreButton(1));
    const preview = await screen.findByRole("group", { name: "恢复为第 1 版" });
    expect(
      within(preview).getByText(
        "这一版的登记信息不符合现行的格式要求，无法与当前比较；确认恢复时服务器会指出需要修改之处。",
      ),
    ).toBeTruthy();
    fireEvent.click(within(preview).getByRole("button", { name: "确认恢复" }));
    expect((await screen.findByRole("alert")).textContent).toBe(`未能恢复，登记信息没有改动：${message}`);
    expect(puts).toEqual([{ url: "/registry?restoredFrom=1", body: JSON.stringify(old) }]);
    expect(onRegistry).not.toHaveBeenCalled();
    expect(gets().filter((p) => p === "/registry/versions")).toHaveLength(1);
    expect(screen.queryByText(/已恢复为/)).toBeNull();
  });

  it("offers nothing to press while offline", async () => {
    adminView({}, { online: false });
    expect(screen.getByText("当前处于离线状态，版本记录需要联网后才能查看。")).toBeTruthy();
    expect(screen.queryAllByRole("button", { name: "恢复为此版" })).toHaveLength(0);
  });
});
