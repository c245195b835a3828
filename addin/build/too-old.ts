/**
 * Where the app cannot run — IE (360/QQ 兼容模式, Office 2016/2019 volume licences), EdgeHTML, a
 * Chromium older than the build's target — each page shows its `#too-old` text instead of staying
 * blank. ES5 on purpose, inlined into every page by vite.config.ts: the test is whether the browser
 * parses ES2020 (`?.`, `??`) and has WeakRef (Chromium 84), which Fluent UI calls unguarded.
 */
export const TOO_OLD_SCRIPT = [
  "try {",
  '  new Function("a", "return a?.b ?? WeakRef");',
  '  if (typeof WeakRef === "undefined") throw new Error();',
  "} catch (e) {",
  '  document.getElementById("too-old").hidden = false;',
  "}",
].join("\n");
