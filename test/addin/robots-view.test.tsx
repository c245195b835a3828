/** 群机器人 in the admin view: adding a robot sends its secret once, the list shows it masked, 发送测试消息 reports. */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi } from "../../addin/api";
import { I18nProvider } from "../../addin/app/i18n";
import { RobotsView } from "../../addin/app/RobotsView";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { Robot } from "../../shared/api";
import { jsonResponse } from "./pane";

afterEach(cleanup);

const robot = (over: Partial<Robot>): Robot => ({
  id: "r1",
  name: "镇村书记群",
  kind: "dingtalk",
  audience: "all",
  webhook: "https://oapi.dingtalk.com/…a0b1",
  hasSecret: true,
  enabled: true,
  readable: true,
  createdAt: "2025-10-01T00:00:00.000Z",
  updatedAt: "2025-10-01T00:00:00.000Z",
  ...over,
});

/** The robots view on a server answered by `fetchImpl`. */
function renderRobots(fetchImpl: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const api = createApi({
    serverUrl: "https://ledgerline.test",
    token: "t",
    fetch: fetchImpl as typeof fetch,
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="zh-CN">
        <RobotsView api={api} registry={DEFAULT_REGISTRY} />
      </I18nProvider>
    </FluentProvider>,
  );
}

describe("群机器人", () => {
  it("adds a 钉钉 robot with its secret, shows it masked, and says whether the test message got through", async () => {
    const robots: Robot[] = [];
    const posted: unknown[] = [];
    const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? (input instanceof Request ? input.method : "GET");
      if (url.pathname === "/api/robots" && method === "GET")
        return jsonResponse({ configured: true, robots, sends: [] });
      if (url.pathname === "/api/robots" && method === "POST") {
        const body = input instanceof Request ? await input.text() : String(init?.body);
        posted.push(JSON.parse(body));
        robots.push(robot({}));
        return jsonResponse(robots[0], 201);
      }
      if (url.pathname === "/api/robots/r1/test")
        return jsonResponse({ ok: false, error: "310000 sign not match" });
      return jsonResponse({ error: { code: "not-found", message: "未找到该地址。" } }, 404);
    };
    renderRobots(fetchImpl);
    expect(screen.queryByLabelText(/签名密钥/)).toBeNull(); // 企业微信 has no secret
    fireEvent.change(screen.getByLabelText("名称"), { target: { value: "镇村书记群" } });
    fireEvent.change(screen.getByLabelText("类型"), { target: { value: "dingtalk" } });
    fireEvent.change(screen.getByLabelText("Webhook 地址"), {
      target: { value: "https://oapi.dingtalk.com/robot/send?access_token=abc123a0b1" },
    });
    fireEvent.change(screen.getByLabelText(/签名密钥/), { target: { value: "SECsecret" } });
    fireEvent.click(screen.getByRole("button", { name: "添加机器人" }));
    await screen.findByText("已添加群机器人“镇村书记群”。");
    expect(posted).toEqual([
      {
        name: "镇村书记群",
        kind: "dingtalk",
        audience: "all",
        webhook: "https://oapi.dingtalk.com/robot/send?access_token=abc123a0b1",
        secret: "SECsecret",
        enabled: true,
      },
    ]);
    await screen.findByText("https://oapi.dingtalk.com/…a0b1");
    expect((screen.getByLabelText("Webhook 地址") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText(/签名密钥/) as HTMLInputElement).value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: "发送测试消息" }));
    await waitFor(() =>
      expect(screen.getByText("“镇村书记群”没有收到测试消息：310000 sign not match")).toBeTruthy(),
    );
  });

  it("says when the server has no ROBOTS_KEY", async () => {
    const fetchImpl = async () => jsonResponse({ configured: false, robots: [], sends: [] });
    renderRobots(fetchImpl);
    await screen.findByText(
      "服务器尚未配置群机器人密钥（ROBOTS_KEY），暂不能添加或使用群机器人。设置方法见 README“定时催报”一节。",
    );
  });
});
