/**
 * The clerk's trial in the standalone page, at a task pane's 350 px and at 1366 px: the village's
 * template-made workbook (a true one, then one with three planted mistakes) and the roll exported
 * by the party-membership system (../fixtures/trial.ts). The page shows exactly the planted
 * mistakes, nothing runs wider than the window, and no ID number appears on screen.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PLANTED, ROLL_IDS, clerkWorkbook, systemRoll } from "../fixtures/trial";
import { idLeaks } from "../hostile/idnumbers";
import { localStack, signedIn } from "./stack";
import { WARMED_UP_MARK } from "../../addin/file/warmup";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function open(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId("file-input").setInputFiles({ name, mimeType: XLSX, buffer: Buffer.from(bytes) });
  await page.getByText(`已打开：${name}`).waitFor();
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const stack = localStack();

describe.each([
  { width: 350, height: 800 },
  { width: 1366, height: 768 },
])("the standalone page at $width px", (viewport) => {
  let page: Page;

  beforeAll(async () => {
    const context = await signedIn(stack.browser, stack.worker.origin, stack.worker.tokens.branch, {
      viewport,
    });
    page = await context.newPage();
    await page.goto(`${stack.worker.origin}/`);
    await page.getByText("测试支书").waitFor();
    // As a clerk finds it: the page has readied itself (addin/file/warmup.ts) before a file is
    // chosen, and the findings below are the same as a cold page's (test/e2e/standalone.test.ts).
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, WARMED_UP_MARK);
  });

  it("shows no error on the true ledger, and exactly the three planted mistakes on the other", async () => {
    await open(page, "老牛湾村党支部台账2025.xlsx", await clerkWorkbook(false));
    await page
      .getByText(/\d+ 个错误，\d+ 个警告/)
      .first()
      .waitFor();
    expect(await page.getByText(/[1-9]\d* 个错误/).count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await open(page, "老牛湾村党支部台账2025-有误.xlsx", await clerkWorkbook(true));
    const cells = PLANTED.map((p) => p.split(" ")[1]);
    for (const cell of cells)
      await page.getByRole("button", { name: new RegExp(`^定位到 ${cell}：`) }).waitFor();
    const located = await page.getByRole("button", { name: /^定位到 [A-Z]+\d+：/ }).allTextContents();
    expect(located).toHaveLength(3);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it("reads the system's roll without an error and shows no ID number", async () => {
    await open(page, "党员信息.xlsx", await systemRoll());
    await page.getByText("没有发现问题。").waitFor();
    expect(await page.getByText(/[1-9]\d* 个错误/).count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(idLeaks([await page.locator("body").innerText()], ROLL_IDS)).toEqual([]);

    await open(page, "党员信息-校验位有误.xlsx", await systemRoll({ wrongCheck: true }));
    await page.getByRole("button", { name: /^定位到 D8：/ }).waitFor();
    expect(idLeaks([await page.locator("body").innerText(), await page.content()], ROLL_IDS)).toEqual([]);
  });
});
