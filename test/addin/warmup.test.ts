// @vitest-environment node
/**
 * The standalone page's warm-up (addin/file/warmup.ts): its sample workbook goes through the same
 * reader and engine as a clerk's file, every sheet read as its own kind (else that kind's code
 * stays cold), holds no valid ID number, and the warm-up stops when a file is chosen.
 */
import { describe, expect, it } from "vitest";
import { SAMPLE_ROWS, WARMED_UP_MARK, sampleWorkbook, warmUp } from "../../addin/file/warmup";
import { validateWorkbook } from "../../shared/engine";
import { kindsOf } from "../../shared/kinds";
import { checkId18 } from "../../shared/read/idcard";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { readXlsx } from "../../shared/xlsx/read";
import { FLOOD_DUTY, FLOOD_REGISTRY } from "../fixtures/township";

const AS_OF = "2026-12-01";

async function sample(registry: Registry = DEFAULT_REGISTRY) {
  const bytes = await sampleWorkbook(registry, AS_OF);
  if (!bytes) throw new Error("the sample was not built");
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(`the sample was refused: ${read.problem}`);
  return read.workbook;
}

describe("the page's warm-up sample", () => {
  it("is read as one sheet per kind, each with its rows, recognised as that kind", async () => {
    const workbook = await sample();
    const kinds = kindsOf(DEFAULT_REGISTRY);
    const results = validateWorkbook(workbook, { asOf: AS_OF, registry: DEFAULT_REGISTRY });
    expect(results.map((r) => r.kind)).toEqual(kinds.map((k) => k.id));
    expect(results.map((r) => r.rows)).toEqual(kinds.map(() => SAMPLE_ROWS));
    expect(results.flatMap((r) => r.findings).filter((f) => f.code === "missing-column")).toEqual([]);
  });

  it("covers a township's own ledger kinds too", async () => {
    const registry = FLOOD_REGISTRY;
    const results = validateWorkbook(await sample(registry), { asOf: AS_OF, registry });
    expect(results.at(-1)?.kind).toBe(FLOOD_DUTY.id);
    expect(results.at(-1)?.rows).toBe(SAMPLE_ROWS);
  });

  it("holds ID-shaped cells whose numbers are never valid", async () => {
    const workbook = await sample();
    const ids = workbook.sheets
      .flatMap((s) => s.values.flat())
      .filter((v): v is string => typeof v === "string" && /^\d{17}[\dX]$/.test(v));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => checkId18(id).ok)).toEqual([]);
  });
});

describe("warmUp", () => {
  it("reads and checks the sample, then marks the timeline", async () => {
    performance.clearMarks(WARMED_UP_MARK);
    expect(await warmUp(AS_OF, new AbortController().signal)).toBe("done");
    expect(performance.getEntriesByName(WARMED_UP_MARK)).toHaveLength(1);
  });

  it("stops when a file is chosen, and marks nothing", async () => {
    performance.clearMarks(WARMED_UP_MARK);
    const chosen = new AbortController();
    const warming = warmUp(AS_OF, chosen.signal);
    chosen.abort();
    expect(await warming).toBe("stopped");
    expect(performance.getEntriesByName(WARMED_UP_MARK)).toHaveLength(0);
  });
});
