/**
 * `npm run bench`: the engine bench, then each optional bench that exists (xlsx, worker, pane).
 * Each bench module exports `run(): Promise<void>` and prints its own table.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BENCHES = ["engine", "xlsx", "worker", "pane", "corpus"] as const;

let failed = false;
for (const name of BENCHES) {
  const path = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(path)) {
    console.log(`\n(bench/${name}.ts not present: skipped)`);
    continue;
  }
  try {
    const mod = (await import(`./${name}.ts`)) as { run?: () => Promise<void> };
    if (typeof mod.run !== "function") {
      console.log(`\n(bench/${name}.ts has no run(): skipped)`);
      continue;
    }
    await mod.run();
  } catch (e) {
    failed = true;
    console.error(`\nbench/${name}.ts failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
process.exitCode = failed ? 1 : 0;
