#!/usr/bin/env node
/**
 * npm start [-- --https]: builds the pane (when its Vite config exists), prepares the local D1
 * (migrations, the 老牛湾镇 registry, demo users and tokens — local only), then runs
 * `wrangler dev` on 127.0.0.1:8787. No telemetry, no outbound calls.
 */
import { spawnSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const https = process.argv.includes("--https");
const skipBuild = process.argv.includes("--no-build");
const port = process.env.PORT ?? "8787";

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  // Node 22 from node_modules first, as every npm script.
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};

function run(command, args, options = {}) {
  const res = spawnSync(command, args, { cwd: root, env, stdio: "inherit", ...options });
  if (res.status !== 0) {
    console.error(
      `ledgerline start: “${[command, ...args].join(" ")}” failed (exit ${res.status ?? res.signal}).`,
    );
    process.exit(1);
  }
}

// 1. The pane's static files (dist/addin), when the pane's Vite config exists.
const viteConfig = ["vite.config.ts", "addin/vite.config.ts"].find((f) => existsSync(join(root, f)));
if (viteConfig && !skipBuild) {
  const res = spawnSync(bin("vite"), ["build", "--config", viteConfig], { cwd: root, env, stdio: "inherit" });
  if (res.status !== 0) console.warn("ledgerline start: the pane did not build; the API still starts.");
}
mkdirSync(join(root, "dist", "addin"), { recursive: true });

// 2. Local secrets (.dev.vars is gitignored): a random HMAC key for members' ID numbers, and a
// random key that seals the group robots' webhooks (wrangler dev takes the unlisted one as a --var).
const devVars = join(root, ".dev.vars");
let current = existsSync(devVars) ? readFileSync(devVars, "utf8") : "";
for (const name of ["ID_HMAC_KEY", "ROBOTS_KEY"]) {
  if (new RegExp(`^${name}=`, "m").test(current)) continue;
  current = `${current}${current && !current.endsWith("\n") ? "\n" : ""}${name}=${randomBytes(32).toString("hex")}\n`;
  writeFileSync(devVars, current, { mode: 0o600 });
  console.log(`ledgerline start: wrote a new ${name} to .dev.vars`);
}
const robotsKey = /^ROBOTS_KEY=(.*)$/m.exec(current)?.[1] ?? "";

// 3. Migrations on the local D1 (.wrangler/state).
run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], { env: { ...env, CI: "true" } });

// 4. The registry and the demo users, local only: INSERT OR IGNORE keeps what is already there.
const { tsImport } = await import("tsx/esm/api");
const { DEFAULT_REGISTRY } = await tsImport("../shared/registry.ts", import.meta.url);
const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const sql = (v) => (v === null ? "NULL" : `'${String(v).replace(/'/g, "''")}'`);
const now = new Date().toISOString();
const demo = [
  { id: "demo-admin", name: "演示管理员", role: "admin", branch: null, token: "ledgerline-dev-admin" },
  { id: "demo-office", name: "演示党建办", role: "office", branch: null, token: "ledgerline-dev-office" },
  ...DEFAULT_REGISTRY.branches.map((b, i) => ({
    id: `demo-branch-${i + 1}`,
    name: `演示${b.village ?? b.name}`,
    role: "branch",
    branch: b.name,
    token: `ledgerline-dev-branch-${i + 1}`,
  })),
];
const lines = [
  `INSERT OR IGNORE INTO registry (id, version, body, updated_at, updated_by) VALUES (1, 1, ${sql(JSON.stringify(DEFAULT_REGISTRY))}, ${sql(now)}, NULL);`,
  ...demo.flatMap((u) => [
    `INSERT OR IGNORE INTO users (id, name, role, branch, created_at) VALUES (${sql(u.id)}, ${sql(u.name)}, ${sql(u.role)}, ${sql(u.branch)}, ${sql(now)});`,
    `INSERT OR IGNORE INTO tokens (id, user_id, hash, created_at) VALUES (${sql(`${u.id}-token`)}, ${sql(u.id)}, ${sql(sha256(u.token))}, ${sql(now)});`,
  ]),
];
mkdirSync(join(root, ".wrangler"), { recursive: true });
const seedFile = join(root, ".wrangler", "seed-local.sql");
writeFileSync(seedFile, `${lines.join("\n")}\n`);
run(bin("wrangler"), ["d1", "execute", "DB", "--local", "--file", seedFile], {
  env: { ...env, CI: "true" },
  stdio: ["ignore", "ignore", "inherit"],
});
console.log("ledgerline start: local D1 seeded with the 老牛湾镇 registry and the demo users");

// 5. wrangler dev (HTTPS with the Office add-in localhost certificate for Excel on the web).
// LOCAL_DEV: group robots post to loopback receivers only; --test-scheduled serves /__scheduled.
const args = [
  "dev",
  "--ip",
  "127.0.0.1",
  "--port",
  port,
  "--var",
  `ROBOTS_KEY:${robotsKey}`,
  "--var",
  "LOCAL_DEV:1",
  "--test-scheduled",
];
if (https) {
  const dir = join(homedir(), ".office-addin-dev-certs");
  const cert = join(dir, "localhost.crt");
  const key = join(dir, "localhost.key");
  if (!existsSync(cert) || !existsSync(key)) {
    const certs = await import("office-addin-dev-certs");
    try {
      await certs.getHttpsServerOptions();
    } catch {
      // Installing the CA needs rights this machine may not grant: generate the files and say how to trust them.
      await certs.generateCertificates();
      console.warn(
        `ledgerline start: trust ${join(dir, "ca.crt")} in your browser to open the pane over HTTPS.`,
      );
    }
  }
  args.push("--local-protocol", "https", "--https-key-path", key, "--https-cert-path", cert);
}
console.log(
  `ledgerline start: ${https ? "https://localhost" : "http://127.0.0.1"}:${port} — demo tokens: ${demo.map((u) => u.token).join(", ")}`,
);
const child = spawn(bin("wrangler"), args, { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
