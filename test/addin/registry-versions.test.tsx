/**
 * 版本记录: the registry's saved versions from GET /api/registry/versions, newest first, the current
 * one marked, long change lists folded; a refusal or a failure said in words, never a crash.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi } from "../../addin/api";
import { I18nProvider } from "../../addin/app/i18n";
import { RegistryVersions } from "../../addin/app/registry/RegistryVersions";
import type { RegistryVersionsResponse } from "../../shared/api-versions";
import { jsonResponse } from "./pane";

afterEach(cleanup);
const VERSIONS: RegistryVersionsResponse = {
  current: 3,
  versions: [
    {
      version: 3,
      createdAt: "2025-10-01T02:30:00Z",
      createdBy: "测试管理员",
      changes: [
        "新增支部“万家寨村党支部”",
        "新增支部“窑头村党支部”",
        "新增支部“寺沟村党支部”",
        "新增本镇台账“防汛值班台账”（5 列）",
        "报送截止日由 5 日改为 10 日",
      ],
    },
    { version: 2, createdAt: "2025-09-30T16:05:00Z", createdBy: null, changes: ["删除工作人员“王芳”"] },
    { version: 1, createdAt: "2025-09-01T00:00:00Z", createdBy: "测试管理员", changes: [] },
  ],
};

/** The view on a server that answers GET /api/registry/versions with `status` and `body`. */
function view(status: number, body: unknown, options: { online?: boolean; locale?: "zh-CN" | "en" } = {}) {
  const fetchImpl = vi.fn(async (url: string | URL | Request) => {
    expect(String(url)).toBe("https://ll.example/api/registry/versions");
    return jsonResponse(body, status);
  });
  const props = {
    api: createApi({
      serverUrl: "https://ll.example",
      token: "t",
      fetch: fetchImpl as unknown as typeof fetch,
    }),
  };
  const ui = (online: boolean) => (
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={options.locale ?? "zh-CN"}>
        <RegistryVersions {...props} online={online} />
      </I18nProvider>
    </FluentProvider>
  );
  const { rerender } = render(ui(options.online ?? true));
  return { fetchImpl, goOnline: () => rerender(ui(true)) };
}

const items = () => screen.getAllByRole("listitem").filter((li) => li.hasAttribute("aria-label"));

describe("版本记录", () => {
  it("lists the versions newest first with Beijing time and who saved each, the current one marked 当前", async () => {
    view(200, VERSIONS);
    expect(screen.getByText("正在读取版本记录…")).toBeTruthy();
    await screen.findByRole("listitem", { name: "第 3 版" });
    expect(items().map((li) => li.getAttribute("aria-label"))).toEqual(["第 3 版", "第 2 版", "第 1 版"]);
    const [third, second, first] = items();
    expect(within(third).getByText("当前")).toBeTruthy();
    expect(third.getAttribute("aria-current")).toBe("true");
    expect(within(second).queryByText("当前")).toBeNull();
    expect(within(third).getByText("2025-10-01 10:30（北京时间）· 测试管理员")).toBeTruthy();
    // 16:05 UTC on 30 September is 00:05 on 1 October in Beijing.
    expect(within(second).getByText("2025-10-01 00:05（北京时间）· 未记录保存人")).toBeTruthy();
    expect(within(second).getByText("删除工作人员“王芳”")).toBeTruthy();
    expect(within(first).getByText("与上一版相比没有改动。")).toBeTruthy();
  });

  it("shows the first three change lines and the rest on 展开, folding them again on 收起", async () => {
    view(200, VERSIONS);
    const third = await screen.findByRole("listitem", { name: "第 3 版" });
    const lines = () =>
      within(third)
        .getAllByRole("listitem")
        .map((li) => li.textContent);
    expect(lines()).toEqual(["新增支部“万家寨村党支部”", "新增支部“窑头村党支部”", "新增支部“寺沟村党支部”"]);
    const more = within(third).getByRole("button", { name: "展开其余 2 条" });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(more);
    expect(lines()).toEqual(VERSIONS.versions[0].changes);
    const less = within(third).getByRole("button", { name: "收起" });
    expect(less.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(less);
    expect(lines()).toHaveLength(3);
    // A version with few lines needs no button.
    expect(within(items()[1]).queryByRole("button")).toBeNull();
  });

  it("says a branch user's 403 politely instead of failing", async () => {
    view(403, { error: { code: "forbidden", message: "当前账号无权进行此操作。" } });
    expect(await screen.findByText("版本记录只有管理员和党建办可以查看。")).toBeTruthy();
    expect(screen.queryByRole("listitem")).toBeNull();
  });

  it("shows an error answer in the words of its error body, and asks again on 重试", async () => {
    const { fetchImpl } = view(500, { error: { code: "internal", message: "服务器内部错误，请稍后重试。" } });
    expect(await screen.findByText("未能读取版本记录：服务器内部错误，请稍后重试。")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "重试" }));
    await screen.findByText("未能读取版本记录：服务器内部错误，请稍后重试。");
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it("says when nothing has been saved yet", async () => {
    view(200, { current: 1, versions: [] });
    expect(await screen.findByText("名单还没有在服务器上保存过，暂无版本记录。")).toBeTruthy();
  });

  it("asks nothing offline, and reads the versions once back online", async () => {
    const { fetchImpl, goOnline } = view(200, VERSIONS, { online: false });
    expect(screen.getByText("当前处于离线状态，版本记录需要联网后才能查看。")).toBeTruthy();
    expect(fetchImpl).not.toHaveBeenCalled();
    goOnline();
    await screen.findByRole("listitem", { name: "第 3 版" });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("speaks English when the pane does", async () => {
    view(200, VERSIONS, { locale: "en" });
    const third = await screen.findByRole("listitem", { name: "Version 3" });
    expect(within(third).getByText("2025-10-01 10:30 Beijing time · 测试管理员")).toBeTruthy();
    expect(within(third).getByText("current")).toBeTruthy();
    expect(within(third).getByRole("button", { name: "Show the other 2" })).toBeTruthy();
  });
});
