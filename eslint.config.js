import { builtinModules } from "node:module";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";

/**
 * An import path that climbs out of its folder into one of `folders`, from any depth:
 * `../worker/x` from addin/, `../../worker/x` from addin/app/, `../kinds/../../addin` alike.
 */
const into = (...folders) => `(^|/)\\.\\./(${folders.join("|")})(/|$)`;

const BOUNDARY = "addin/, worker/ and cli/ never import each other; share through shared/.";
const APP_TYPE = "From worker/, addin/ and cli/ take only `import type { AppType }`, for hc<AppType>.";
const ENGINE = "shared/ is the engine: it imports none of addin/, worker/ or cli/.";
const NODE =
  "shared/ runs in Excel, workerd and the browser too: no Node built-ins (the CLI passes what it needs).";

/** `import("…")` into the folders, which no-restricted-imports does not see. */
const noDynamicImport = (message, ...folders) => ({
  selector: `ImportExpression[source.value=/${into(...folders).replaceAll("/", "\\/")}/]`,
  message,
});

/**
 * The import boundary of addin/, worker/ or cli/: never the `others`; with `appType`, from
 * worker/ only a type-only import of AppType (one rule refuses value imports, the other any name
 * but AppType; typescript-eslint's own rule skips every check of a type import it allows).
 */
function boundary(folder, others, appType) {
  return {
    files: [`${folder}/**`],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: into(...others), message: BOUNDARY },
            ...(appType ? [{ regex: into("worker"), allowTypeImports: true, message: APP_TYPE }] : []),
          ],
        },
      ],
      ...(appType
        ? {
            "no-restricted-imports": [
              "error",
              { patterns: [{ regex: into("worker"), allowImportNames: ["AppType"], message: APP_TYPE }] },
            ],
          }
        : {}),
      "no-restricted-syntax": ["error", noDynamicImport(BOUNDARY, ...others, ...(appType ? ["worker"] : []))],
    },
  };
}

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "samples/", ".wrangler/", "coverage/", ".bench/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The engine runs in Excel, workerd, Node and the browser: no platform APIs, no `any`.
    files: ["shared/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: builtinModules.map((name) => ({ name, message: NODE })),
          patterns: [
            { regex: into("addin", "worker", "cli"), message: ENGINE },
            { regex: "^node:", message: NODE },
          ],
        },
      ],
      "no-restricted-syntax": ["error", noDynamicImport(ENGINE, "addin", "worker", "cli")],
      // Standard web APIs (fetch, TextDecoder, DecompressionStream…) run everywhere; these do not.
      "no-restricted-globals": [
        "error",
        ...["window", "document", "navigator", "location", "localStorage", "sessionStorage", "indexedDB"],
        ...["XMLHttpRequest", "alert", "process", "Buffer", "require", "module", "__dirname", "__filename"],
        ...["global", "setImmediate", "Office", "Excel", "OfficeExtension", "caches", "HTMLRewriter"],
        "WebSocketPair",
      ],
    },
  },
  boundary("addin", ["cli"], true),
  boundary("cli", ["addin"], true),
  boundary("worker", ["addin", "cli"], false),
  {
    files: ["addin/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Office.js batching rules (eslint-plugin-office-addins): load before read, sync after load,
    // no sync in a loop, named loads only, null objects tested with isNullObject.
    files: ["addin/excel/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
