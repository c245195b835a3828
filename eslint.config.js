import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

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
    files: ["shared/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": ["error", { patterns: ["node:*", "../addin/*", "../worker/*", "../cli/*"] }],
      "no-restricted-globals": ["error", "window", "document", "process", "Buffer", "Office", "Excel"],
    },
  },
  {
    files: ["addin/**", "worker/**", "cli/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: ["**/addin/**", "**/worker/**", "**/cli/**"].map((group) => ({
            group: [group],
            message: "addin/, worker/ and cli/ never import each other; share through shared/.",
          })),
        },
      ],
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
