/** `npm run cli -- …` and `npx ledgerline …`: runs the CLI and exits with its status. */
import { run } from "./run";

const code = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(line + "\n"),
});
// Exit once stdout has drained, so a reader that never settles cannot keep the process alive.
process.stdout.write("", () => process.exit(code));
