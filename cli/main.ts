/** `npm run cli -- …` and `npx ledgerline …`: runs the CLI and exits with its status. */
import { run } from "./run";

let drawn = false;
const code = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(line + "\n"),
  // The progress line redraws itself in place, so it is only drawn on a terminal.
  progress: process.stderr.isTTY
    ? (line) => {
        if (!line && !drawn) return;
        process.stderr.write(`\r\x1b[2K${line}`);
        drawn = Boolean(line);
      }
    : undefined,
});
// Exit once stdout has drained, so a reader that never settles cannot keep the process alive.
process.stdout.write("", () => process.exit(code));
