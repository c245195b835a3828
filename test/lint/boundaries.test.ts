/**
 * The import boundaries of eslint.config.js, fed to ESLint's Node API: shared/ imports none of
 * addin/, worker/ or cli/ and no Node built-in, nor uses a DOM, Office or Workers global; addin/,
 * worker/ and cli/ never import each other, except `import type { AppType }` from worker/ in addin/
 * and cli/. Each forbidden import is tried from every folder depth, and each must be refused.
 */
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

const BOUNDARY_RULES = new Set([
  "@typescript-eslint/no-restricted-imports",
  "no-restricted-imports",
  "no-restricted-syntax",
  "no-restricted-globals",
]);

/** The boundary rules that refuse `code` written in `file`. */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages.filter((m) => BOUNDARY_RULES.has(m.ruleId ?? "")).map((m) => m.ruleId ?? "");
}

/** `../` as many times as the file is deep below the project root. */
const up = (file: string) => "../".repeat(file.split("/").length - 1);

/** A file at each depth of a folder: the folder itself, one and two folders down. */
const depths = (folder: string, ext = "ts") => [
  `${folder}/probe.${ext}`,
  `${folder}/inner/probe.${ext}`,
  `${folder}/inner/deeper/probe.${ext}`,
];

const FORBIDDEN: [string, string[]][] = [
  ["shared", ["addin/host", "worker/index", "cli/main"]],
  ["addin", ["cli/main", "cli/context"]],
  ["worker", ["addin/host", "cli/main"]],
  ["cli", ["addin/host", "addin/api"]],
];

describe("import boundaries", () => {
  for (const [folder, targets] of FORBIDDEN) {
    for (const file of depths(folder)) {
      for (const target of targets) {
        it(`refuses ${file} importing ${target}, as a value, a type, a re-export or a dynamic import`, async () => {
          const path = `${up(file)}${target}`;
          const forms = [
            `import { x } from "${path}";\nexport const y = x;\n`,
            `import type { X } from "${path}";\nexport type Y = X;\n`,
            `import "${path}";\n`,
            `export { x } from "${path}";\n`,
            `export const load = () => import("${path}");\n`,
          ];
          for (const code of forms)
            expect([code, (await refusals(file, code)).length > 0]).toEqual([code, true]);
        }, 60_000);
      }
    }
  }

  for (const folder of ["addin", "cli"]) {
    for (const file of depths(folder, folder === "addin" ? "tsx" : "ts")) {
      const worker = `${up(file)}worker/index`;
      it(`lets ${file} take only the type AppType from worker/`, async () => {
        expect(
          await refusals(file, `import type { AppType } from "${worker}";\nexport type A = AppType;\n`),
        ).toEqual([]);
        expect(
          await refusals(file, `import { type AppType } from "${worker}";\nexport type A = AppType;\n`),
        ).toEqual([]);
        for (const code of [
          `import { AppType } from "${worker}";\nexport type A = AppType;\n`,
          `import app from "${worker}";\nexport default app;\n`,
          `import type { FRAME_ANCESTORS } from "${worker}";\nexport type F = typeof FRAME_ANCESTORS;\n`,
          `import type * as W from "${worker}";\nexport type A = W.AppType;\n`,
          `import type { Bindings } from "${up(file)}worker/env";\nexport type B = Bindings;\n`,
          `export const load = () => import("${worker}");\n`,
        ]) {
          expect([code, (await refusals(file, code)).length > 0]).toEqual([code, true]);
        }
      }, 60_000);
    }
  }

  it("refuses Node built-ins in shared/, bare or node:, at every depth", async () => {
    for (const file of depths("shared")) {
      for (const name of ["fs", "node:fs", "fs/promises", "path", "node:zlib", "crypto", "child_process"]) {
        const code = `import * as m from "${name}";\nexport const n = m;\n`;
        expect([file, name, await refusals(file, code)]).toEqual([
          file,
          name,
          ["@typescript-eslint/no-restricted-imports"],
        ]);
      }
    }
  }, 60_000);

  it("refuses DOM, Office, Node and Workers globals in shared/", async () => {
    for (const name of [
      "window",
      "document",
      "localStorage",
      "process",
      "Buffer",
      "Office",
      "Excel",
      "caches",
    ]) {
      const code = `export const g = () => ${name};\n`;
      expect([name, await refusals("shared/kinds/probe.ts", code)]).toEqual([
        name,
        ["no-restricted-globals"],
      ]);
    }
  }, 60_000);

  it("accepts what each folder may import: shared/ and packages, its own files, web APIs", async () => {
    const allowed: [string, string][] = [
      [
        "shared/kinds/probe.ts",
        `import { z } from "zod";\nimport { columnLetter } from "../read/cells";\nexport const a = [z, columnLetter, new TextDecoder()];\n`,
      ],
      [
        "shared/xlsx/deep/probe.ts",
        `import { FINDING_CODES } from "../../findings";\nexport const a = FINDING_CODES;\n`,
      ],
      [
        "addin/app/probe.tsx",
        `import { validateWorkbook } from "../../shared/engine";\nimport { createApi } from "../api";\nexport const a = [validateWorkbook, createApi];\n`,
      ],
      [
        "worker/routes/probe.ts",
        `import { Hono } from "hono";\nimport { OFFICE_SCOPE } from "../../shared/api";\nimport { ApiError } from "../errors";\nexport const a = [Hono, OFFICE_SCOPE, ApiError];\n`,
      ],
      [
        "cli/probe.ts",
        `import { readFile } from "node:fs/promises";\nimport { EXIT } from "./context";\nexport const a = [readFile, EXIT];\n`,
      ],
    ];
    for (const [file, code] of allowed) expect([file, await refusals(file, code)]).toEqual([file, []]);
  }, 60_000);
});
