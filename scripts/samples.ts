/**
 * `npm run samples`: writes samples/*.xlsx — a clean and a mistakes ledger for each of the 12
 * kinds, the office's combined workbook and one branch's workbook. The samples are built for
 * the as-of date 2025-10-01: validate them with `npm run cli -- validate samples/… --as-of 2025-10-01`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SAMPLE_AS_OF, sampleFiles, writeXlsx } from "../test/fixtures";

const dir = join(process.cwd(), "samples");
await mkdir(dir, { recursive: true });
const files = sampleFiles();
for (const f of files) {
  await writeXlsx(join(dir, f.file), f.sheets, { date1904: f.date1904 });
  const rows = f.sheets.reduce((n, s) => n + s.values.length, 0);
  const codes = f.mistakesIn ? `  expected: ${f.sheets.flatMap((s) => s.expectedCodes).join(", ")}` : "";
  console.log(`samples/${f.file}  (${f.sheets.map((s) => s.name).join("、")}; ${rows} rows)${codes}`);
}
await writeFile(
  join(dir, "README.txt"),
  [
    "台账通 Ledgerline 示例台账（由 npm run samples 生成，请勿手工修改）",
    "",
    `校验日期：${SAMPLE_AS_OF}。请用 --as-of ${SAMPLE_AS_OF} 校验，例如：`,
    `  npm run cli -- validate samples/07-民情问题台账.xlsx --as-of ${SAMPLE_AS_OF}`,
    "",
    "不带“常见错误”的文件在该日期下应无错误、无警告；带“常见错误”的文件含乡镇台账常见的填写错误，",
    "也含几种并非错误、不应有任何提示的写法：预编号的空行、“主题党日+党课”这样的合并记录、",
    "按季度交纳或用 √ 登记的党费、党员信息系统导出的表头（出生年月 1980.02、所在党支部全称）。",
    "",
  ].join("\n"),
);
console.log(`${files.length} files in samples/ (as-of ${SAMPLE_AS_OF})`);
