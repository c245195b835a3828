/**
 * The build check `npm test` runs on dist/addin (scripts/check-build.ts): it refuses syntax newer
 * than ES2020 and ECMAScript built-ins newer than Chromium 86 that the page does not give, and
 * measures the first screen as the browser fetches it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { featureProblems, pageBytes, syntaxProblems } from "../../scripts/check-build";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A built pane holding these scripts (assets/ are modules, the rest classic scripts). */
function site(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "ledgerline-check-"));
  mkdirSync(join(dir, "assets"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("the build check", () => {
  it("passes ES2020 and refuses each newer syntax, naming the file", async () => {
    expect(
      await syntaxProblems(
        site({
          "assets/ok.js": "export const f = (a, b) => a?.b ?? b; import('./x.js');",
          "sw.js": "self.addEventListener('fetch', () => {});",
        }),
      ),
    ).toEqual([]);
    for (const newer of [
      "let a; a ??= 1;",
      "const n = 1_000;",
      "class A { x = 1 }",
      "class A { static { } }",
      "const r = /a/d;",
      "await 1;",
    ]) {
      const problems = await syntaxProblems(site({ "assets/new.js": `${newer}\nexport {};` }));
      expect(problems, newer).toHaveLength(1);
      expect(problems[0]).toContain("new.js");
      rmSync(dir, { recursive: true, force: true });
    }
    // A classic script (sw.js) may not use module syntax.
    expect(await syntaxProblems(site({ "sw.js": "import x from './x.js';" }))).toHaveLength(1);
  });

  it("refuses built-ins newer than Chromium 86 except those the page gives", async () => {
    expect(
      await featureProblems(site({ "assets/a.js": "export const own = Object.hasOwn({}, 'a');" })),
    ).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
    const problems = await featureProblems(site({ "assets/a.js": "export const last = [1, 2].at(-1);" }));
    expect(problems.join("\n")).toMatch(/ArrayPrototypeAt \(chrome 86 requires 92\)/);
  });

  it("counts an entry page with every script and style it loads up front", () => {
    const html = `<script type="module" src="./assets/index-1.js"></script><link rel="modulepreload" href="./assets/App-2.js"><link rel="stylesheet" href="./assets/app-3.css">`;
    const files = {
      "index.html": html,
      "assets/index-1.js": "console.log(1);".repeat(100),
      "assets/App-2.js": "export const app = 2;".repeat(100),
      "assets/app-3.css": "body{margin:0}".repeat(100),
      "assets/lazy-4.js": "export const lazy = 4;".repeat(1000),
    };
    const size = pageBytes("index.html", site(files));
    const gz = (s: string) => gzipSync(Buffer.from(s), { level: 9 }).length;
    expect(size.files).toBe(4);
    expect(size.gzip).toBe(
      gz(html) +
        gz(files["assets/index-1.js"]) +
        gz(files["assets/App-2.js"]) +
        gz(files["assets/app-3.css"]),
    );
  });
});
