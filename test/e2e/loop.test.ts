/**
 * The 报送 loop a township lives by, in the standalone page with no curl, at a laptop's width and
 * at a task pane's: a branch submits → the office opens it and returns it with a comment → the
 * branch reads the comment in 我的报送 and submits again → the office sees version 2.
 */
import { describe, expect, it } from "vitest";
import { dirname, join, resolve } from "node:path";
import { mkdirSync } from "node:fs";
import { Workbook } from "@cj-tech-master/excelts";
import type { Page } from "playwright-core";
import { PROBLEM_HEADER, problemRow } from "../fixtures/problem-rows";
import { ROOT } from "./harness";
import { localStack, signedIn } from "./stack";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const BRANCH = "老牛湾村党支部";

/** A clean 民情问题台账 of `year` with `rows` rows. */
async function ledger(year: number, rows: number): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("民情问题台账");
  ws.getCell("A1").value = `老牛湾镇民情问题台账（${year}年）`;
  ws.mergeCells("A1:M1");
  ws.addRow(PROBLEM_HEADER);
  for (let n = 1; n <= rows; n++)
    ws.addRow(
      problemRow(
        n,
        { 编号: `MQ-${year}-${n}`, 村: "老牛湾", 收集日期: `${year}-09-0${n}`, 解决日期: `${year}-09-1${n}` },
        PROBLEM_HEADER,
      ),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Screenshots go to docs/ when the README's pictures are refreshed (npm run screenshot), else test-results/. */
const SHOTS = process.env.LEDGERLINE_SCREENSHOT
  ? dirname(resolve(ROOT, process.env.LEDGERLINE_SCREENSHOT))
  : join(ROOT, "test-results");

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // JPEG of the viewport: small enough to commit, enough to read.
  await page.screenshot({ path: join(SHOTS, `${name}.jpg`), type: "jpeg", quality: 70 });
}

/** The narrowest table cell of a region, in characters of its own font size. */
async function narrowestCell(page: Page, region: string): Promise<number> {
  return page.getByRole("region", { name: region }).evaluate((root) => {
    const widths = [...root.querySelectorAll("td, th")].map(
      (el) => el.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize),
    );
    return widths.length ? Math.min(...widths) : Infinity;
  });
}

async function loadYear(page: Page, region: string, year: number, button: string): Promise<void> {
  const section = page.getByRole("region", { name: region });
  await section.getByLabel("年度").fill(String(year));
  await section.getByRole("button", { name: button, exact: true }).click();
}

describe("the 报送 loop in the standalone page", () => {
  const stack = localStack();

  for (const [width, height, year] of [
    [1366, 768, 2025],
    [350, 800, 2024],
  ] as const) {
    it(`walks submit → return → 我的报送 → submit again → version 2 at ${width}×${height}`, async () => {
      const { worker, browser } = stack;
      const viewport = { width, height };
      const branch = await (
        await signedIn(browser, worker.origin, worker.tokens.branch, { viewport })
      ).newPage();
      const office = await (
        await signedIn(browser, worker.origin, worker.tokens.admin, { viewport })
      ).newPage();
      const file = `老牛湾村民情问题台账${year}.xlsx`;

      // The branch opens its ledger and submits it.
      await branch.goto(`${worker.origin}/`);
      await branch.getByText("测试支书").waitFor();
      await branch
        .getByTestId("file-input")
        .setInputFiles({ name: file, mimeType: XLSX, buffer: await ledger(year, 1) });
      await branch.getByText("没有发现问题。").waitFor();
      await branch.getByRole("tab", { name: "提交" }).click();
      const panel = branch.getByRole("region", { name: "提交台账" });
      expect(await panel.getByLabel("周期").inputValue()).toBe(String(year));
      await panel.getByRole("button", { name: "提交", exact: true }).click();
      await panel.getByText(/已提交“民情问题台账”：回执号 \d+，第 1 版，1 行/).waitFor({ timeout: 30_000 });

      // The office opens it from 汇总全镇 and returns it with a comment, confirming.
      await office.goto(`${worker.origin}/`);
      await office.getByText("测试管理员").waitFor();
      await office.getByRole("tab", { name: "汇总全镇" }).click();
      await loadYear(office, "本年已提交", year, "本年已提交");
      await office.getByRole("button", { name: `查看${BRANCH}的“民情问题台账”（${year}）` }).click();
      const opened = office.getByRole("region", { name: `民情问题台账 · ${BRANCH} · ${year}` });
      await opened.getByText("第 1 版", { exact: true }).waitFor();
      await opened.getByRole("cell", { name: `MQ-${year}-1` }).waitFor();
      if (width < 400)
        expect(await narrowestCell(office, `民情问题台账 · ${BRANCH} · ${year}`)).toBeGreaterThanOrEqual(2);
      const comment = `第 4 行解决日期请与走访记录核对（${year}）。`;
      await opened.getByRole("textbox", { name: /退回意见/ }).fill(comment);
      await shot(office, `loop-${width}-office-return`);
      await opened.getByRole("button", { name: "退回", exact: true }).click();
      const dialog = office.getByRole("dialog");
      await dialog
        .getByText(`把${BRANCH}的“民情问题台账”（${year}，第 1 版）退回吗？`, { exact: false })
        .waitFor();
      await dialog.getByRole("button", { name: "退回", exact: true }).click();
      await opened.getByText(`已退回。${BRANCH}会在“我的报送”中看到退回意见。`).waitFor();

      // The branch sees the comment in 我的报送, and goes back to its ledger from there.
      await branch.getByRole("tab", { name: "我的报送" }).click();
      await loadYear(branch, "我的报送", year, "我的报送");
      const item = branch.getByRole("listitem", { name: `民情问题台账（${year}）` });
      await item.getByText(`退回意见：${comment}`).waitFor();
      await item.getByText("已退回").waitFor();
      await shot(branch, `loop-${width}-branch-mine`);
      const [chooser] = await Promise.all([
        branch.waitForEvent("filechooser"),
        item.getByRole("button", { name: "重新提交" }).click(),
      ]);
      await chooser.setFiles({ name: file, mimeType: XLSX, buffer: await ledger(year, 2) });
      const again = branch.getByRole("region", { name: "提交台账" });
      await again.getByText(`要提交的是“民情问题台账”（${year}）。`).waitFor();
      await again.getByRole("button", { name: "提交", exact: true }).click();
      await again.getByText(/已提交“民情问题台账”：回执号 \d+，第 2 版，2 行/).waitFor({ timeout: 30_000 });

      // The office sees version 2, current and no longer returned.
      await office.getByRole("button", { name: "返回" }).click();
      await loadYear(office, "本年已提交", year, "本年已提交");
      const list = office.getByRole("region", { name: "本年已提交" });
      await list.getByText(/^第 2 版 · /).waitFor();
      await shot(office, `loop-${width}-office-version2`);
      await branch.context().close();
      await office.context().close();
    });
  }
});
