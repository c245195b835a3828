import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Workbook } from "@cj-tech-master/excelts";
import { validateWorkbook } from "../../shared/engine";
import type { Finding } from "../../shared/findings";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { workbookToInput } from "../../shared/xlsx";
import type { WorkbookInput } from "../../shared/workbook";
import {
  GENERATORS,
  KIND_IDS,
  SAMPLE_AS_OF,
  STAFF,
  idCheckChar,
  idNumber,
  problemsLedger,
  readXlsx,
  sampleFiles,
  toWorkbookInput,
  writeXlsx,
  type SampleFile,
} from "../fixtures";

const files = sampleFiles();

function validate(input: WorkbookInput, registry: Registry = DEFAULT_REGISTRY) {
  return validateWorkbook(input, { asOf: SAMPLE_AS_OF, registry });
}

/** Position and code of each finding, for comparing two runs. */
function positions(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.cell ?? "-"}/${f.period ?? ""}/${f.subject ?? ""}`);
}

function codes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

describe("sample ledgers at as-of 2025-10-01", () => {
  it("cover a clean and a mistakes file for each of the 12 kinds", () => {
    expect(KIND_IDS).toHaveLength(12);
    for (const kind of KIND_IDS) {
      expect(files.some((f) => f.mistakesIn === null && f.sheets.some((s) => s.kind === kind))).toBe(true);
      expect(files.some((f) => f.mistakesIn === kind)).toBe(true);
    }
  });

  describe.each(files.map((f) => [f.file, f] as [string, SampleFile]))("%s", (_name, file) => {
    const results = validate(toWorkbookInput(file.sheets, { date1904: file.date1904 }));

    it("recognises every sheet as its kind and reads every data row", () => {
      expect(results.map((r) => r.kind)).toEqual(file.sheets.map((s) => s.kind));
      expect(results.map((r) => r.rows)).toEqual(file.sheets.map((s) => s.dataRows));
    });

    file.sheets.forEach((sheet, i) => {
      if (file.mistakesIn === sheet.kind) {
        it(`finds exactly the expected mistakes in ${sheet.name}: ${sheet.expectedCodes.join(", ")}`, () => {
          expect(sheet.expectedCodes.length).toBeGreaterThan(0);
          expect(codes(results[i].findings)).toEqual(sheet.expectedCodes);
        });
      } else {
        it(`reports no errors and no warnings in clean ${sheet.name}`, () => {
          expect(results[i].findings).toEqual([]);
        });
      }
    });
  });

  it("keeps the clean office workbook clean when the registry lists the 8 staff", () => {
    const registry: Registry = {
      ...DEFAULT_REGISTRY,
      staff: STAFF.map((s) => ({ name: s.name, role: s.role })),
    };
    const office = files.find((f) => f.file === "老牛湾镇党建办台账2025.xlsx");
    expect(office).toBeDefined();
    const results = validate(toWorkbookInput(office?.sheets ?? []), registry);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });
});

describe("sample ledgers through a real .xlsx file", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ledgerline-samples-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(files.map((f) => [f.file, f] as [string, SampleFile]))(
    "gives the same findings after writing and reading back %s",
    async (_name, file) => {
      const path = join(dir, file.file);
      await writeXlsx(path, file.sheets, { date1904: file.date1904 });
      const wb = new Workbook();
      await wb.xlsx.readFile(path);
      const input = workbookToInput(wb);
      expect(input.date1904).toBe(file.date1904);
      const inMemory = validate(toWorkbookInput(file.sheets, { date1904: file.date1904 }));
      const fromFile = validate(input);
      expect(fromFile.map((r) => r.kind)).toEqual(inMemory.map((r) => r.kind));
      expect(fromFile.map((r) => r.rows)).toEqual(inMemory.map((r) => r.rows));
      expect(fromFile.map((r) => positions(r.findings))).toEqual(inMemory.map((r) => positions(r.findings)));
      expect(fromFile.map((r) => r.summary)).toEqual(inMemory.map((r) => r.summary));
    },
  );

  it("reads the problems ledger back cell for cell with excelts' own reader (1900 and 1904 dates)", async () => {
    for (const date1904 of [false, true]) {
      const sheet = problemsLedger({ withMistakes: true });
      const path = join(dir, `problems-${date1904 ? "1904" : "1900"}.xlsx`);
      await writeXlsx(path, [sheet], { date1904 });
      const back = await readXlsx(path);
      const expected = toWorkbookInput([sheet], { date1904 });
      expect(back.date1904).toBe(date1904);
      expect([...back.sheets[0].merges].sort()).toEqual([...expected.sheets[0].merges].sort());
      const trim = (rows: unknown[][]) =>
        rows.map((r) => (r.length ? r.slice(0, r.findLastIndex((v) => v !== null) + 1) : r));
      expect(trim(back.sheets[0].values)).toEqual(trim(expected.sheets[0].values));
      expect(codes(validate(back)[0].findings)).toEqual(sheet.expectedCodes);
    }
  });
});

describe("sample generators", () => {
  it("are deterministic for a seed and vary with it", () => {
    for (const kind of KIND_IDS) {
      expect(GENERATORS[kind]({ seed: 5, withMistakes: true })).toEqual(
        GENERATORS[kind]({ seed: 5, withMistakes: true }),
      );
    }
    expect(problemsLedger({ seed: 5 }).values).not.toEqual(problemsLedger({ seed: 6 }).values);
  });

  it("compute GB 11643 check characters (11010519491231002X) and encode sex in the 17th digit", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    const id = idNumber("1985-04-12", "女", 7);
    expect(id).toMatch(/^14093219850412\d{3}[\dX]$/);
    expect(Number(id[16]) % 2).toBe(0);
    expect(Number(idNumber("1985-04-12", "男", 7)[16]) % 2).toBe(1);
  });

  it("build a 100,000-row problems ledger for the bench with unique 编号", () => {
    const sheet = problemsLedger({ rows: 100_000, seed: 1 });
    expect(sheet.dataRows).toBe(100_000);
    const ids = sheet.values
      .slice(3)
      .map((r) => r[0])
      .filter((v) => typeof v === "string" && v.startsWith("MQ"));
    expect(new Set(ids).size).toBe(100_000);
  });
});
