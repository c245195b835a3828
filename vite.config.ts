import { build, defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { createHash } from "node:crypto";
import { cpSync, createReadStream, existsSync } from "node:fs";
import { basename, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { ICON_SIZES, iconPng } from "./addin/build/icons";
import { TOO_OLD_SCRIPT } from "./addin/build/too-old";
import { SW_FILE } from "./addin/offline/protocol";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The oldest browser the page and the pane run in: Chromium 86 (360安全浏览器 13's kernel), and no
 * syntax newer than ES2020 (`npm test` checks every emitted file, scripts/check-build.ts).
 */
const TARGET = ["es2020", "chrome86"];
/**
 * Class fields, lowered for ES2020, are set by assignment instead of a defineProperty call per
 * field and object (our classes never shadow an accessor with a field): the engine makes one
 * object per row, and the calls were a twentieth of its time in the page.
 */
const TRANSFORM = { assumptions: { setPublicClassFields: true } };

/** Office.js as npm ships it (@microsoft/office-js), for panes that cannot reach Microsoft's CDN. */
const OFFICE_JS = here("./node_modules/@microsoft/office-js/dist");
/** What Excel never loads: debug builds, IntelliSense files, other Office hosts' scripts and strings. */
const NOT_FOR_EXCEL = /(\.debug\.js|vsdoc.*|^(outlook|word|powerpoint|onenote|project|access|visio)[-_].*)$/;

/** Copies Office.js next to the pane (dist/addin/office-js) at build time and serves it in dev. */
function officeJs(): Plugin {
  return {
    name: "ledgerline-office-js",
    writeBundle(options) {
      cpSync(OFFICE_JS, join(options.dir ?? here("./dist/addin"), "office-js"), {
        recursive: true,
        filter: (src) => !NOT_FOR_EXCEL.test(basename(src)),
      });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/office-js\/([^?#]+)/.exec(req.url ?? "");
        const file = m ? normalize(join(OFFICE_JS, decodeURIComponent(m[1]))) : "";
        if (!m || !file.startsWith(OFFICE_JS) || !existsSync(file)) return next();
        res.setHeader("Content-Type", "text/javascript");
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** Emits the add-in icons (assets/icon-16.png …) at build time and serves them in dev. */
function icons(): Plugin {
  return {
    name: "ledgerline-icons",
    generateBundle() {
      for (const size of ICON_SIZES) {
        this.emitFile({ type: "asset", fileName: `assets/icon-${size}.png`, source: iconPng(size) });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/assets\/icon-(\d+)\.png$/.exec(req.url ?? "");
        if (!m || !ICON_SIZES.includes(Number(m[1]) as (typeof ICON_SIZES)[number])) return next();
        res.setHeader("Content-Type", "image/png");
        res.end(iconPng(Number(m[1])));
      });
    },
  };
}

/** Puts the one too-old-browser test (addin/build/too-old.ts) into every page, after its `#too-old` text. */
function tooOldNotice(): Plugin {
  return {
    name: "ledgerline-too-old",
    transformIndexHtml: () => [{ tag: "script", children: TOO_OLD_SCRIPT, injectTo: "body" }],
  };
}

/**
 * Builds the standalone page's service worker (addin/offline/service-worker.ts) into sw.js beside
 * the pages: one classic script (Chromium 86 has no module workers) that knows this build's id and
 * files — index.html and everything under assets/, the lazily loaded .xlsx reader and writers too.
 */
function serviceWorker(): Plugin {
  return {
    name: "ledgerline-service-worker",
    apply: "build",
    async writeBundle(options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => file === "index.html" || file.startsWith("assets/"))
        .sort();
      const hash = createHash("sha256");
      for (const file of files) {
        const output = bundle[file];
        hash.update(file).update(output.type === "chunk" ? output.code : output.source);
      }
      await build({
        configFile: false,
        logLevel: "warn",
        publicDir: false,
        define: {
          __LEDGERLINE_BUILD__: JSON.stringify(hash.digest("hex").slice(0, 16)),
          __LEDGERLINE_FILES__: JSON.stringify(files),
        },
        build: {
          outDir: options.dir ?? here("./dist/addin"),
          emptyOutDir: false,
          target: TARGET,
          lib: {
            entry: here("./addin/offline/service-worker.ts"),
            formats: ["iife"],
            name: "ledgerlineServiceWorker",
            fileName: () => SW_FILE,
          },
        },
      });
    },
  };
}

/**
 * The 季总结 / 年盘点 print view (addin/report.html) built on its own beside the pane: as a third
 * entry of the pane's build it would split the modules it shares with the standalone page into
 * chunks of their own, and those files gzip worse than one (the first screen grew 1.4 KB).
 */
function reportPage(): Plugin {
  return {
    name: "ledgerline-report-page",
    apply: "build",
    async writeBundle(options) {
      await build({
        configFile: false,
        root: here("./addin"),
        base: "./",
        logLevel: "warn",
        publicDir: false,
        plugins: [react(), tooOldNotice()],
        build: {
          outDir: options.dir ?? here("./dist/addin"),
          emptyOutDir: false,
          chunkSizeWarningLimit: 4096,
          target: TARGET,
          rollupOptions: { transform: TRANSFORM, input: { report: here("./addin/report.html") } },
        },
      });
    },
  };
}

// The pane: two entry pages (taskpane.html for Excel, index.html standalone) sharing one app; the
// print view of the 季总结 / 年盘点 (report.html) is built after them.
export default defineConfig({
  root: here("./addin"),
  base: "./",
  plugins: [react(), icons(), officeJs(), tooOldNotice(), serviceWorker(), reportPage()],
  build: {
    outDir: here("./dist/addin"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    target: TARGET,
    rollupOptions: {
      transform: TRANSFORM,
      input: {
        taskpane: here("./addin/taskpane.html"),
        index: here("./addin/index.html"),
      },
    },
  },
  server: { port: 3000, strictPort: false },
});
