import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { cpSync, createReadStream, existsSync } from "node:fs";
import { basename, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { ICON_SIZES, iconPng } from "./addin/build/icons";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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

// The pane: two entry pages (taskpane.html for Excel, index.html standalone) sharing one app, and
// the 季总结 / 年盘点 print view (report.html).
export default defineConfig({
  root: here("./addin"),
  base: "./",
  plugins: [react(), icons(), officeJs()],
  build: {
    outDir: here("./dist/addin"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        taskpane: here("./addin/taskpane.html"),
        index: here("./addin/index.html"),
        report: here("./addin/report.html"),
      },
    },
  },
  server: { port: 3000, strictPort: false },
});
