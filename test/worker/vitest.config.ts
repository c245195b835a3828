import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";

const root = fileURLToPath(new URL("../../", import.meta.url));
// The assets binding needs its folder; the pane's build may not have run yet.
mkdirSync(`${root}dist/addin`, { recursive: true });

// The Worker's required secret (wrangler.toml [secrets]) is read by wrangler from the environment,
// as in CI; a test-only value unless one is set.
process.env.ID_HMAC_KEY ??= "test-only-hmac-key";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}worker/migrations`);
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: `${root}wrangler.toml` },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            AS_OF: "2025-10-01",
            // Group robots: a test-only sealing key; robots post to the loopback receivers only.
            ROBOTS_KEY: "test-only-robots-key",
            LOCAL_DEV: "1",
          },
        },
      }),
    ],
    test: {
      name: "workers",
      root,
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["test/worker/setup.ts"],
      globalSetup: ["test/worker/receivers.ts"],
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  };
});
