import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { ICON_SIZES, iconPng } from "./addin/build/icons";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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

// The pane: two entry pages (taskpane.html for Excel, index.html standalone) sharing one app.
export default defineConfig({
  root: here("./addin"),
  base: "./",
  plugins: [react(), icons()],
  build: {
    outDir: here("./dist/addin"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        taskpane: here("./addin/taskpane.html"),
        index: here("./addin/index.html"),
      },
    },
  },
  server: { port: 3000, strictPort: false },
});
