import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createApi } from "../../addin/api";
import { I18nProvider } from "../../addin/app/i18n";
import { RegistryEditor } from "../../addin/app/registry/RegistryEditor";
import { todayIn } from "../../shared/read/dates";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { jsonResponse } from "./pane";

afterEach(cleanup);
/** The editor on a server that stores what it is sent, or answers `refuse` to every PUT. */
function editor(
  registry: Registry = DEFAULT_REGISTRY,
  refuse?: { status: number; body: unknown },
  locale: "zh-CN" | "en" = "zh-CN",
) {
  const puts: Registry[] = [];
  const onRegistry = vi.fn();
  const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Registry;
    puts.push(body);
    if (refuse) return jsonResponse(refuse.body, refuse.status);
    return jsonResponse({ version: puts.length + 1, updatedAt: "2025-10-01T00:00:00Z", registry: body });
  }) as unknown as typeof fetch;
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale={locale}>
        <RegistryEditor
          api={createApi({ serverUrl: "https://ll.example", token: "t", fetch: fetchImpl })}
          registry={registry}
          onRegistry={onRegistry}
        />
      </I18nProvider>
    </FluentProvider>,
  );
  return { puts, onRegistry };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** The red message Fluent's Field shows under the input of that label. */
function fieldError(label: string): string {
  const input = screen.getByLabelText(label);
  expect(input.getAttribute("aria-invalid")).toBe("true");
  return input.closest(".fui-Field")?.querySelector(".fui-Field__validationMessage")?.textContent ?? "";
}

const save = () => fireEvent.click(screen.getByRole("button", { name: "保存名单" }));

describe("registry editor", () => {
  it("takes the server's registry when it arrives after the editor opened, but never over the admin's edits", () => {
    const api = createApi({
      serverUrl: "https://ll.example",
      token: "t",
      fetch: vi.fn() as unknown as typeof fetch,
    });
    const view = (registry: Registry) => (
      <FluentProvider theme={webLightTheme}>
        <I18nProvider locale="zh-CN">
          <RegistryEditor api={api} registry={registry} onRegistry={() => undefined} />
        </I18nProvider>
      </FluentProvider>
    );
    const { rerender } = render(view(DEFAULT_REGISTRY));
    const server = { ...DEFAULT_REGISTRY, branches: [{ name: "万家寨村党支部" }] };
    rerender(view(server));
    expect((screen.getByLabelText("支部名称 第 1 行") as HTMLInputElement).value).toBe("万家寨村党支部");
    type("支部名称 第 1 行", "窑头村党支部");
    rerender(view({ ...server, dueDay: 10 }));
    expect((screen.getByLabelText("支部名称 第 1 行") as HTMLInputElement).value).toBe("窑头村党支部");
    expect(screen.getByText("有未保存的修改。")).toBeTruthy();
  });

  it("adds a branch with its village, aliases, secretary and flags, and saves it with PUT /api/registry", async () => {
    const { puts, onRegistry } = editor();
    fireEvent.click(screen.getByRole("button", { name: "添加支部" }));
    type("支部名称 第 7 行", "万家寨村党支部");
    type("村名 第 7 行", "万家寨村");
    type("别名 第 7 行", "万家寨、万家寨村支部");
    type("书记 第 7 行", "王  五");
    fireEvent.click(screen.getByLabelText("设有党小组 第 7 行"));
    save();
    await screen.findByText("名单已保存，各村校验和报送从现在起按新名单进行。");
    expect(puts).toHaveLength(1);
    expect(puts[0].branches).toHaveLength(7);
    expect(puts[0].branches[6]).toEqual({
      name: "万家寨村党支部",
      village: "万家寨村",
      aliases: ["万家寨", "万家寨村支部"],
      secretary: "王  五",
      hasPartyGroups: false,
    });
    // The six branches before it are sent exactly as they were.
    expect(puts[0].branches.slice(0, 6)).toEqual(DEFAULT_REGISTRY.branches);
    expect(onRegistry).toHaveBeenCalledWith(puts[0]);
  });

  it("says how many branches are missing while fewer are listed than the township has", () => {
    editor();
    const banner = () => screen.queryByTestId("branches-missing");
    expect(banner()?.textContent).toBe(
      "本镇共有 9 个村党支部，名单中只列了 6 个，还缺 3 个。缺少的支部不能提交台账，报送情况也不会统计它们，请补齐。",
    );
    fireEvent.click(screen.getByRole("button", { name: "添加支部" }));
    fireEvent.click(screen.getByRole("button", { name: "添加支部" }));
    expect(banner()?.textContent).toMatch(/只列了 8 个，还缺 1 个/);
    fireEvent.click(screen.getByRole("button", { name: "添加支部" }));
    expect(banner()).toBeNull();
  });

  it("shows a duplicate branch name in Chinese on the repeated name, and sends nothing", async () => {
    const { puts } = editor();
    fireEvent.click(screen.getByRole("button", { name: "添加支部" }));
    type("支部名称 第 7 行", "乾坤湾村党支部");
    save();
    await screen.findByText(/名单有 \d+ 处需要修改/);
    expect(fieldError("支部名称 第 7 行")).toBe(
      "“乾坤湾村党支部”与第 2 个支部“乾坤湾村党支部”重名，无法区分",
    );
    expect(screen.getByLabelText("支部名称 第 2 行").getAttribute("aria-invalid")).not.toBe("true");
    expect(puts).toEqual([]);
    // Fixing the name clears the error as the admin types.
    type("支部名称 第 7 行", "寺沟村党支部");
    await waitFor(() =>
      expect(screen.getByLabelText("支部名称 第 7 行").getAttribute("aria-invalid")).not.toBe("true"),
    );
  });

  it("puts the server's 400 issues on the fields they name", async () => {
    editor(DEFAULT_REGISTRY, {
      status: 400,
      body: {
        error: {
          code: "bad-request",
          message: "请求内容不符合格式要求：branches.1.secretary：书记姓名过长",
          details: { issues: [{ path: "branches.1.secretary", message: "书记姓名过长" }] },
        },
      },
    });
    save();
    await screen.findByText(/服务器未接受名单/);
    expect(fieldError("书记 第 2 行")).toBe("书记姓名过长");
  });

  it("designs a ledger with an enum column and shows its template, dropdown included", async () => {
    const { puts } = editor();
    fireEvent.click(screen.getByRole("tab", { name: "自定义台账" }));
    fireEvent.click(screen.getByRole("button", { name: "新建台账" }));
    type("台账名称", "防汛值班台账");
    type("编号", "flood-duty");
    type("列名 第 1 列", "日期");
    fireEvent.change(screen.getByLabelText("类型 第 1 列"), { target: { value: "date" } });
    fireEvent.click(screen.getByLabelText("必填 第 1 列"));
    fireEvent.click(screen.getByRole("button", { name: "添加列" }));
    type("列名 第 2 列", "险情");
    fireEvent.change(screen.getByLabelText("类型 第 2 列"), { target: { value: "enum" } });
    for (const [k, value] of ["无", "一般", "较大"].entries()) {
      fireEvent.click(screen.getByRole("button", { name: "添加选项" }));
      type(`第 2 列 选项 ${k + 1}`, value);
    }
    type("第 2 列 选项 3 也可写作", "严重、重大");

    const preview = within(screen.getByTestId("template-preview"));
    expect(preview.getByRole("columnheader", { name: "日期*" })).toBeTruthy();
    expect(preview.getByRole("columnheader", { name: "险情" })).toBeTruthy();
    expect(preview.getByText("下拉：无/一般/较大")).toBeTruthy();
    expect(preview.getByText(/老牛湾镇防汛值班台账/)).toBeTruthy();

    save();
    await screen.findByText("名单已保存，各村校验和报送从现在起按新名单进行。");
    expect(puts[0].ledgers).toEqual([
      {
        id: "flood-duty",
        title: "防汛值班台账",
        grain: "year",
        scope: "branch",
        columns: [
          { name: "日期", type: "date", required: true },
          {
            name: "险情",
            type: "enum",
            values: ["无", "一般", "较大"],
            valueAliases: { 严重: "较大", 重大: "较大" },
          },
        ],
      },
    ]);
  });

  it("refuses an enum column without values on that column's values", async () => {
    const { puts } = editor();
    fireEvent.click(screen.getByRole("tab", { name: "自定义台账" }));
    fireEvent.click(screen.getByRole("button", { name: "新建台账" }));
    type("台账名称", "网格员台账");
    type("编号", "grid");
    type("列名 第 1 列", "类别");
    fireEvent.change(screen.getByLabelText("类型 第 1 列"), { target: { value: "enum" } });
    save();
    await screen.findByText(/名单有 \d+ 处需要修改/);
    expect(screen.getByRole("tab", { name: "自定义台账（3 处待改）" })).toBeTruthy();
    // Under the column's values, and under the table of columns (a second column and a required one are needed).
    const values = screen.getByRole("button", { name: "添加选项" }).closest(".fui-Field");
    expect(values?.querySelector(".fui-Field__validationMessage")?.textContent).toBe(
      "可选值列表不能为空：请至少列出一个允许的值",
    );
    expect(
      screen.getByText("至少需要两列；至少一列应为必填：必填列用来识别这种台账，也检查是否漏填"),
    ).toBeTruthy();
    expect(puts).toEqual([]);
  });

  it("picks holiday weeks on the calendar and meeting frequencies from a list", async () => {
    const { puts } = editor();
    fireEvent.click(screen.getByRole("tab", { name: "报送与频次" }));
    // 2025-W40 is 国庆: Monday 29 September to Sunday 5 October, shown in both months.
    fireEvent.click(screen.getByRole("button", { name: "上一年" }));
    fireEvent.click(screen.getByRole("button", { name: "下一年" }));
    // The calendar opens on the township's year (Beijing time), not the machine's.
    const year = Number(todayIn("Asia/Shanghai", new Date()).slice(0, 4));
    for (let y = year; y > 2025; y--) fireEvent.click(screen.getByRole("button", { name: "上一年" }));
    for (let y = year; y < 2025; y++) fireEvent.click(screen.getByRole("button", { name: "下一年" }));
    const national = screen.getAllByRole("button", { name: "2025年第 40 周（2025-09-29 至 2025-10-05）" });
    expect(national).toHaveLength(2);
    fireEvent.click(national[0]);
    expect(national[1].getAttribute("aria-pressed")).toBe("true");
    fireEvent.change(screen.getByLabelText("党课 频次"), { target: { value: "month" } });
    fireEvent.change(screen.getByLabelText("支部委员会 频次"), { target: { value: "off" } });
    save();
    await screen.findByText("名单已保存，各村校验和报送从现在起按新名单进行。");
    expect(puts[0].exemptPeriods).toEqual(["2025-W40"]);
    expect(puts[0].settings).toEqual({ cadence: { 党课: "month", 支部委员会: "off" } });
  });

  it("speaks English when the pane does, with the schema's messages still in Chinese", async () => {
    editor(DEFAULT_REGISTRY, undefined, "en");
    expect(screen.getByRole("tab", { name: "Own ledgers" })).toBeTruthy();
    expect(screen.getByTestId("branches-missing").textContent).toMatch(/only 6 are listed; 3 are missing/);
    fireEvent.click(screen.getByRole("button", { name: "Add branch" }));
    type("Branch Row 7", "乾坤湾村党支部");
    fireEvent.click(screen.getByRole("button", { name: "Save registry" }));
    await screen.findByText(/entries need fixing/);
    expect(fieldError("Branch Row 7")).toBe("“乾坤湾村党支部”与第 2 个支部“乾坤湾村党支部”重名，无法区分");
  });
});
