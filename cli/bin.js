#!/usr/bin/env node
// The package bin (`npx ledgerline`): the bundled build in dist/cli (scripts/build-cli.mjs), with
// Node's compile cache so repeated runs start fast. A checkout that was never built runs the
// TypeScript sources through tsx instead (slower, same behaviour).
import { existsSync } from "node:fs";
import module from "node:module";

module.enableCompileCache?.();
const bundle = new URL("../dist/cli/ledgerline.mjs", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./main.ts");
}
