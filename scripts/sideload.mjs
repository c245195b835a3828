#!/usr/bin/env node
/**
 * npm run sideload / sideload:stop: the yo-office way of loading the add-in into desktop Excel
 * (office-addin-debugging registers manifest.xml, starts `npm run start:https` and opens Excel).
 * Desktop sideloading exists on Windows and macOS only; elsewhere, and where the optional
 * office-addin-debugging package could not be installed, this says what to do instead.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const action = process.argv[2] === "stop" ? "stop" : "start";
const bin = join(
  root,
  "node_modules",
  ".bin",
  process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging",
);

if (process.platform !== "win32" && process.platform !== "darwin") {
  console.error(
    "ledgerline sideload: desktop Excel runs on Windows and macOS only. Here, use Excel on the web: " +
      "npm run start:https, then upload manifest.xml under 开始 → 加载项 → 我的加载项 (docs/addin.md).",
  );
  process.exit(2);
}
if (!existsSync(bin)) {
  console.error(
    "ledgerline sideload: office-addin-debugging is not installed (it is an optional dependency). " +
      "Run `npm install` on this machine with internet access, then try again.",
  );
  process.exit(2);
}
const args =
  action === "start"
    ? [
        "start",
        "manifest.xml",
        "desktop",
        "--app",
        "excel",
        "--dev-server",
        "npm run start:https",
        "--dev-server-port",
        "8787",
      ]
    : ["stop", "manifest.xml", "desktop"];
const child = spawn(bin, [...args, ...process.argv.slice(3)], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
});
child.on("exit", (code) => process.exit(code ?? 1));
