/**
 * The township admin, in the standalone page, completes the registry without touching JSON: the
 * three branches the default leaves out (万家寨村、窑头村、寺沟村: plausible names, the township's
 * other three villages are not public) and the spec's 防汛值班台账, saved through PUT /api/registry
 * and read back from the Worker exactly as the spec writes it. Then the walk goes on with the new
 * ledger: 版本记录 names it, and 老牛湾村's secretary downloads its template, fills two rows,
 * checks and submits it, and finds it with its receipt in 我的报送; the admin's 重新校验 (a dry
 * run of the current year) then finds nothing to change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import type { Browser, Page } from "playwright-core";
import { RegistryResponseSchema } from "../../shared/api";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { FLOOD_DUTY } from "../fixtures/township";
import { ROOT, buildPane, launchBrowser, pageSignedIn, startWorker, type LocalWorker } from "./harness";

const NEW_VILLAGES = ["万家寨村", "窑头村", "寺沟村"];

/** Where the README's pictures go: docs/ under `npm run screenshot`, else test-results/. */
const shots = process.env.LEDGERLINE_SCREENSHOT
  ? dirname(process.env.LEDGERLINE_SCREENSHOT)
  : join(ROOT, "test-results");

describe("registry editor in the page", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await buildPane();
    // The embedded default: 6 branches listed of the township's 9.
    worker = await startWorker(JSON.stringify(DEFAULT_REGISTRY));
    browser = await launchBrowser();
    page = await pageSignedIn(browser, worker.origin, worker.tokens.admin, { width: 1200, height: 1400 });
    await page.goto(`${worker.origin}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  const fill = (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

  it("adds the three missing branches and a 防汛值班台账, saves, and the Worker holds them", async () => {
    await page.getByRole("tab", { name: "人员与令牌" }).click();
    const banner = page.getByTestId("branches-missing");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("本镇共有 9 个村党支部，名单中只列了 6 个，还缺 3 个");

    for (const [k, village] of NEW_VILLAGES.entries()) {
      const row = `第 ${7 + k} 行`;
      await page.getByRole("button", { name: "添加支部" }).click();
      await fill(`支部名称 ${row}`, `${village}党支部`);
      await fill(`村名 ${row}`, village);
      await fill(`别名 ${row}`, `${village.replace(/村$/, "")}、${village}支部`);
    }
    await banner.waitFor({ state: "detached" });

    await page.getByRole("tab", { name: "自定义台账" }).click();
    await page.getByRole("button", { name: "新建台账" }).click();
    // The spec's example ledger (test/fixtures/township.ts), entered field by field.
    await fill("台账名称", FLOOD_DUTY.title);
    await fill("其他名称", (FLOOD_DUTY.titles ?? []).join("、"));
    await fill("编号", FLOOD_DUTY.id);
    for (const [k, c] of FLOOD_DUTY.columns.entries()) {
      const col = `第 ${k + 1} 列`;
      if (k > 0) await page.getByRole("button", { name: "添加列" }).click();
      await fill(`列名 ${col}`, c.name);
      await page.getByLabel(`类型 ${col}`, { exact: true }).selectOption(c.type);
      if (c.required) await page.getByLabel(`必填 ${col}`, { exact: true }).check();
      if (c.aliases) await fill(`表头别名 ${col}`, c.aliases.join("、"));
      if (c.min !== undefined) await fill(`最小值 ${col}`, String(c.min));
      for (const [v, value] of (c.values ?? []).entries()) {
        await page.getByRole("button", { name: "添加选项" }).click();
        await fill(`${col} 选项 ${v + 1}`, value);
        const aliases = Object.entries(c.valueAliases ?? {}).filter(([, to]) => to === value);
        if (aliases.length) await fill(`${col} 选项 ${v + 1} 也可写作`, aliases.map(([a]) => a).join("、"));
      }
    }
    const preview = page.getByTestId("template-preview");
    await preview.getByText("下拉：无/一般/较大").waitFor();
    expect(await preview.getByRole("columnheader").allTextContents()).toEqual([
      expect.stringContaining("防汛值班台账"),
      "序号",
      "日期*",
      "值班人*",
      "村*",
      "人数",
      "险情",
    ]);

    await page.getByRole("button", { name: "保存名单" }).click();
    await page.getByText("名单已保存，各村校验和报送从现在起按新名单进行。").waitFor();
    // The README's picture of the editor, refreshed with `npm run screenshot`.
    await page
      .getByRole("region", { name: "名单与台账设置" })
      .screenshot({ path: join(shots, "registry-editor.png") });

    const response = await fetch(`${worker.origin}/api/registry`, {
      headers: { Authorization: `Bearer ${worker.tokens.admin}` },
    });
    expect(response.status).toBe(200);
    const { registry } = RegistryResponseSchema.parse(await response.json());
    expect(registry.branches.map((b) => b.name)).toEqual([
      ...DEFAULT_REGISTRY.branches.map((b) => b.name),
      "万家寨村党支部",
      "窑头村党支部",
      "寺沟村党支部",
    ]);
    expect(registry.branches[8]).toEqual({
      name: "寺沟村党支部",
      village: "寺沟村",
      aliases: ["寺沟", "寺沟村支部"],
    });
    expect(registry.ledgers).toEqual([FLOOD_DUTY]);
  });

  // Goes on from the registry the test above saved (one walk, one Worker, one browser).
  it("shows the save in 版本记录, and a branch fills, checks and submits the new ledger", async () => {
    await page.getByRole("tab", { name: "版本记录" }).click();
    const versions = page.getByRole("region", { name: "版本记录" });
    const saved = versions.getByRole("listitem", { name: "第 2 版" });
    await saved.waitFor();
    await saved.getByText("当前", { exact: true }).waitFor();
    await saved.getByText("（北京时间）· 测试管理员", { exact: false }).waitFor();
    // Three new branches come first; the ledger's line is the fourth, one click away.
    expect(await saved.getByRole("listitem").allTextContents()).toHaveLength(3);
    await saved.getByRole("button", { name: "展开其余 1 条" }).click();
    await saved.getByText("新增本镇台账“防汛值班台账”（5 列）", { exact: true }).waitFor();

    const branch = await pageSignedIn(browser, worker.origin, worker.tokens.branch, {
      width: 1200,
      height: 1400,
    });
    await branch.goto(`${worker.origin}/`);
    await branch.getByText("测试支书").waitFor();
    await branch.getByRole("tab", { name: "插入模板" }).click();
    await branch.getByLabel("台账类型").selectOption({ label: FLOOD_DUTY.title });
    await branch.getByLabel("年度").fill("2025");
    const [download] = await Promise.all([
      branch.waitForEvent("download"),
      branch.getByRole("button", { name: "下载空白模板" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("防汛值班台账（2025年）模板.xlsx");

    // The clerk's two rows, typed under the template's header (required columns end in *).
    const wb = new Workbook();
    await wb.xlsx.load(readFileSync(await download.path()));
    const ws = wb.worksheets[0];
    const header = ws.getRow(2).values as unknown[];
    const column = (name: string) => header.findIndex((v) => String(v).replace(/\*$/, "") === name);
    for (const [k, row] of [
      { 日期: new Date(Date.UTC(2025, 6, 1)), 值班人: "张三", 村: "老牛湾村", 人数: 2, 险情: "无" },
      { 日期: new Date(Date.UTC(2025, 6, 2)), 值班人: "李四", 村: "老牛湾村", 人数: 3, 险情: "一般" },
    ].entries()) {
      ws.getCell(3 + k, column("序号")).value = k + 1;
      for (const [name, value] of Object.entries(row)) ws.getCell(3 + k, column(name)).value = value;
    }
    await branch.getByTestId("file-input").setInputFiles({
      name: "老牛湾村防汛值班台账2025.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await branch.getByText("没有发现问题。").waitFor();

    await branch.getByRole("tab", { name: "提交" }).click();
    const panel = branch.getByRole("region", { name: "提交台账" });
    expect(await panel.getByLabel("周期").inputValue()).toBe("2025");
    await panel.getByRole("button", { name: "提交", exact: true }).click();
    const receipt = panel.getByText(/已提交“防汛值班台账”：回执号 \d+，第 1 版，2 行/);
    await receipt.waitFor({ timeout: 30_000 });
    const receiptNo = /回执号 (\d+)/.exec((await receipt.textContent()) ?? "")?.[1];

    await branch.getByRole("tab", { name: "我的报送" }).click();
    const mine = branch.getByRole("region", { name: "我的报送" });
    await mine.getByLabel("年度").fill("2025");
    await mine.getByRole("button", { name: "我的报送", exact: true }).click();
    const item = mine.getByRole("listitem", { name: "防汛值班台账（2025）" });
    await item.getByText(new RegExp(`^第 1 版 · .* · 回执号 ${receiptNo}$`)).waitFor();
    await branch.context().close();

    // The admin's 重新校验 reaches the real Worker: a dry run of the current year (the pane's
    // default, whatever today is; the submission above is 2025's), nothing to save.
    await versions.getByRole("button", { name: "预览" }).click();
    await versions.getByText("重新校验了 0 份台账，结论都不会变化。", { exact: true }).waitFor();
    expect(await versions.getByRole("button", { name: "确认保存" }).count()).toBe(0);
    // The README's picture of 版本记录 with the preview's answer.
    await versions.screenshot({ path: join(shots, "registry-versions.png") });
  });
});
