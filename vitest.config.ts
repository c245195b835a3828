import { defineConfig } from "vitest/config";

// One `npm test`, four projects: the engine and CLI on Node, the Worker in workerd with D1,
// the pane's components and Excel adapter in jsdom, and the end-to-end test in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: [
            "test/shared/**/*.test.ts",
            "test/cli/**/*.test.ts",
            "test/hostile/**/*.test.ts",
            "test/scripts/**/*.test.ts",
            "test/lint/**/*.test.ts",
          ],
          environment: "node",
          // Generous limits for a loaded 2-core machine: some tests write real .xlsx files in hooks.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      "test/worker/vitest.config.ts",
      {
        test: {
          name: "dom",
          include: ["test/addin/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          // Once for every file: jsdom has no ResizeObserver, which Fluent UI measures itself with.
          setupFiles: ["test/addin/setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          // Each file builds the pane into dist/addin and serves it: one file at a time.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
