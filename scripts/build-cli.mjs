#!/usr/bin/env node
/**
 * Builds the CLI that the package's `bin` runs: cli/main.ts and everything it imports, bundled by
 * esbuild into dist/cli/ (ES modules, split so that the .xlsx writer and the server commands load
 * only for the commands that need them). `npm run build`, `npm install` (prepare), `npm start`
 * and `npm test` run it; it takes a fraction of a second.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/cli`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { ledgerline: "cli/main.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  // Bundled CommonJS dependencies may call require(): give them one.
  banner: {
    js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
  },
});
