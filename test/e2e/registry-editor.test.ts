/**
 * The township admin, in the standalone page, completes the registry without touching JSON: the
 * three branches the default leaves out (万家寨村、窑头村、寺沟村: plausible names, the township's
 * other three villages are not public) and the spec's 防汛值班台账, saved through PUT /api/registry
 * and read back from the Worker exactly as the spec writes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { RegistryResponseSchema } from "../../shared/api";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { FLOOD_DUTY } from "../fixtures/township";
import { ROOT, buildPane, launchBrowser, pageSignedIn, startWorker, type LocalWorker } from "./harness";

const NEW_VILLAGES = ["万家寨村", "窑头村", "寺沟村"];

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
    const shots = process.env.LEDGERLINE_SCREENSHOT
      ? dirname(process.env.LEDGERLINE_SCREENSHOT)
      : join(ROOT, "test-results");
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
});
