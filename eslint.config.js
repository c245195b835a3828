import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
