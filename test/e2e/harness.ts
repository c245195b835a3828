/**
 * End-to-end harness: builds the pane, runs the Worker locally (`wrangler dev` on a free loopback
 * port, D1 persisted in a temp directory, migrated and seeded here), launches Chromium.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
  PATH: `${BIN}:${process.env.PATH ?? ""}`,
};

export async function buildPane(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn" });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalWorker {
  origin: string;
  tokens: { admin: string; branch: string };
  stop(): Promise<void>;
}

function wrangler(args: string[]): void {
  const res = spawnSync(join(BIN, "wrangler"), args, { cwd: ROOT, env: ENV, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${res.stdout}\n${res.stderr}`);
}

/** Migrates and seeds a fresh local D1, then runs `wrangler dev` until /api/health answers. */
export async function startWorker(registryJson: string): Promise<LocalWorker> {
  const dir = mkdtempSync(join(tmpdir(), "ledgerline-e2e-"));
  const persist = join(dir, "state");
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  const tokens = {
    admin: `e2e-admin-${randomBytes(8).toString("hex")}`,
    branch: `e2e-branch-${randomBytes(8).toString("hex")}`,
  };
  const sha = (t: string) => createHash("sha256").update(t).digest("hex");
  const q = (v: string | null) => (v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`);
  const now = new Date().toISOString();
  const seed = [
    `INSERT INTO registry (id, version, body, updated_at, updated_by) VALUES (1, 1, ${q(registryJson)}, ${q(now)}, NULL);`,
    `INSERT INTO users (id, name, role, branch, created_at) VALUES ('e2e-admin', '测试管理员', 'admin', NULL, ${q(now)});`,
    `INSERT INTO users (id, name, role, branch, created_at) VALUES ('e2e-branch', '测试支书', 'branch', '老牛湾村党支部', ${q(now)});`,
    `INSERT INTO tokens (id, user_id, hash, created_at) VALUES ('e2e-admin-token', 'e2e-admin', ${q(sha(tokens.admin))}, ${q(now)});`,
    `INSERT INTO tokens (id, user_id, hash, created_at) VALUES ('e2e-branch-token', 'e2e-branch', ${q(sha(tokens.branch))}, ${q(now)});`,
  ];
  const seedFile = join(dir, "seed.sql");
  writeFileSync(seedFile, seed.join("\n"));
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", seedFile]);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    join(BIN, "wrangler"),
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persist,
      "--var",
      `ID_HMAC_KEY:${randomBytes(32).toString("hex")}`,
      "--show-interactive-dev-session=false",
    ],
    { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(null);
        }, 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return { origin, tokens, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not start:\n${log}`);
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/** Debian's Chromium when installed, else the one inside the @sparticuz/chromium package. */
export async function chromiumPath(): Promise<string> {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const sparticuz = (await import("@sparticuz/chromium")).default;
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
