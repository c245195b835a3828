// Preloaded into the CLI child processes of the hostile suite: appends this process's peak
// resident memory (KB, from process.resourceUsage()) to LEDGERLINE_RSS_FILE when it exits.
import { appendFileSync } from "node:fs";

const file = process.env.LEDGERLINE_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the measurement is best effort; the test reports 0 when it is missing
    }
  });
}
