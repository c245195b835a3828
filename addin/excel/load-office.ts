/**
 * Office.js for the task pane: from Microsoft's CDN, as Office expects, and — when the CDN cannot
 * be reached (government intranets often block it) — from the copy of @microsoft/office-js this
 * server hands out beside the pane (dist/addin/office-js, built by vite.config.ts). A manifest
 * whose page is `taskpane.html?officejs=local` skips the CDN altogether, for networks where a
 * request to it hangs instead of failing.
 */
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Relative to the pane's own page, so it works under any origin the manifest names. */
export const OFFICE_LOCAL = "office-js/office.js";

export type OfficeSource = "cdn" | "local" | "none";

function loadScript(doc: Document, src: string): Promise<boolean> {
  return new Promise((resolve) => {
    const script = doc.createElement("script");
    script.src = src;
    script.onload = () => resolve(true);
    script.onerror = () => {
      script.remove();
      resolve(false);
    };
    doc.head.appendChild(script);
  });
}

const present = () => typeof (globalThis as { Office?: unknown }).Office !== "undefined";

/** Loads Office.js once; says where it came from ("none" when neither copy could be loaded). */
export async function loadOfficeJs(
  doc: Document = document,
  search = window.location.search,
): Promise<OfficeSource> {
  if (present()) return "cdn";
  const localOnly = new URLSearchParams(search).get("officejs") === "local";
  if (!localOnly && (await loadScript(doc, OFFICE_CDN)) && present()) return "cdn";
  if ((await loadScript(doc, OFFICE_LOCAL)) && present()) return "local";
  return "none";
}
