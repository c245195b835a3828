/**
 * The pane's work on the open workbook: reading a file (standalone, with progress and 取消),
 * validating a sheet or all of them against the registry the Worker judges with, and any other
 * host action run with the busy bar and its failure said in the catalogue's words.
 */
import { useEffect, useRef, useState } from "react";
import type { Registry } from "../../shared/registry";
import type { PaneMessageKey } from "../../shared/messages/pane";
import type { Me } from "../api";
import { PaneError, type Engine, type Host, type ValidateOutcome } from "../host";
import { useI18n } from "./i18n";
import type { Outbox } from "./outbox";

/** The engine loads with the first check (or file chosen), not with the first screen. */
const loadEngine = () => import("../../shared/engine");
/** The standalone page's warm-up (addin/file/warmup.ts): loaded at idle time, never with the first screen. */
const loadWarmUp = () => import("../file/warmup");
/** How long the page may stay busy before the warm-up starts anyway. */
const WARM_UP_WITHIN_MS = 2000;

export type Notice = { intent: "success" | "error" | "warning" | "info"; text: string };

export function useChecks({
  host,
  asOf,
  me,
  outbox,
  currentRegistry,
  say,
  onChecked,
}: {
  host: Host;
  asOf: string;
  me: Me | null;
  outbox: Outbox;
  currentRegistry: () => Promise<Registry>;
  say: (notice: Notice | null) => void;
  /** After each check: the pane shows what it found. */
  onChecked: () => void;
}) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ValidateOutcome | null>(null);
  const [busy, setBusy] = useState<{ label: string; fraction?: number } | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  /** The read in progress, which 取消 stops. */
  const [reading, setReading] = useState<AbortController | null>(null);
  const isFile = host.type === "file";
  /** The warm-up in progress, stopped when a file is chosen. */
  const warming = useRef<AbortController | null>(null);

  // Once the page is idle, read and check a sample ledger so the clerk's file meets compiled code.
  useEffect(() => {
    if (host.type !== "file") return;
    const controller = new AbortController();
    warming.current = controller;
    const start = () => {
      if (!controller.signal.aborted)
        void loadWarmUp()
          .then(({ warmUp }) => warmUp(asOf, controller.signal))
          .catch(() => undefined);
    };
    // Safari has no requestIdleCallback: a timeout after the first paint does the same there.
    const idle = typeof requestIdleCallback === "function";
    const handle = idle
      ? requestIdleCallback(start, { timeout: WARM_UP_WITHIN_MS })
      : window.setTimeout(start, 0);
    return () => {
      controller.abort();
      if (idle) cancelIdleCallback(handle);
      else clearTimeout(handle);
    };
    // Once per host: the sample's dates only need to be near today.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host]);

  const run = async (label: PaneMessageKey, work: () => Promise<void>) => {
    setBusy({ label: t(label) });
    say(null);
    try {
      await work();
    } catch (e) {
      say({
        intent: "error",
        text:
          e instanceof PaneError
            ? t(e.key, e.vars)
            : t(isFile ? "errorGeneric" : "errorExcel", {
                reason: e instanceof Error ? e.message : String(e),
              }),
      });
    } finally {
      setBusy(null);
    }
  };

  const validate = (scope: "sheet" | "all") =>
    run("checking", async () => {
      const [reg, { validateWorkbook }] = await Promise.all([currentRegistry(), loadEngine()]);
      // A branch's token: judge as the Worker will (a branch reports only its own rows).
      const branch = me?.role === "branch" ? (me.branch ?? undefined) : undefined;
      const engine: Engine = (workbook, sheets) =>
        validateWorkbook(workbook, { asOf, registry: reg, sheets, branch });
      const result = await host.validate(scope, engine, (step, fraction) =>
        setBusy({ label: t(step), fraction }),
      );
      setOutcome(result);
      // Submissions kept without their ID cells become sendable again from the same workbook.
      outbox.restore(result.workbook);
      onChecked();
      const level = host.type === "excel" ? host.reach.level : "";
      const lines = [
        result.mode === "notes"
          ? t("marksWritten", { cells: result.cellsMarked, notes: result.notesWritten })
          : result.mode === "colours"
            ? t("marksColoursOnly", { cells: result.cellsMarked, level })
            : result.mode === "list"
              ? t("marksListOnly")
              : "",
        result.protectedSheets?.length
          ? t("sheetsProtected", { sheets: result.protectedSheets.join("、") })
          : "",
        result.notesKept ? t("notesKept", { count: result.notesKept }) : "",
      ].filter(Boolean);
      if (lines.length)
        say({ intent: result.protectedSheets?.length ? "warning" : "success", text: lines.join(" ") });
    });

  const openFile = async (file: File) => {
    if (host.type !== "file") return;
    warming.current?.abort();
    // The check follows the read: fetch the engine while the file is read.
    void loadEngine().catch(() => undefined);
    await run("reading", async () => {
      const label = t("readingFile", { file: file.name });
      setBusy({ label, fraction: 0 });
      const controller = new AbortController();
      setReading(controller);
      const opened = await host
        .open(file, { signal: controller.signal, onProgress: (fraction) => setBusy({ label, fraction }) })
        .finally(() => setReading(null));
      if (!opened.ok) {
        if (opened.problem === "cancelled") {
          say({ intent: "info", text: t("readCancelled", { file: file.name }) });
          return;
        }
        const key =
          opened.problem === "not-xlsx"
            ? "askXlsx"
            : opened.problem === "too-large"
              ? "fileTooLarge"
              : "unreadableFile";
        say({ intent: "error", text: t(key, { file: file.name, size: Math.round(file.size / 1048576) }) });
        return;
      }
      setFileName(opened.name);
    });
    if (host.fileName() === file.name) await validate("all");
  };

  return { outcome, busy, fileName, reading, run, validate, openFile };
}
