/**
 * The pane with the network gone (jsdom, navigator.onLine switched): it says it is offline, checks
 * as the server last said (user and registry remembered), keeps 提交 for later without asking the
 * server, and sends it only when the clerk confirms once online; it offers a waiting new version.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../addin/app/App";
import { createOutbox } from "../../addin/app/outbox";
import type { Engine } from "../../addin/host";
import type { AppUpdate } from "../../addin/offline/register";
import { DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import type { WorkbookInput } from "../../shared/workbook";
import { PROBLEM_HEADER, problemRow } from "../fixtures/problem-rows";
import {
  BRANCH_ME,
  cleanResult,
  fakeHost,
  jsonResponse,
  connectedStorage,
  memoryStorage,
  receipt,
} from "./pane";

afterEach(() => {
  cleanup();
  setOnline(true);
});
function setOnline(online: boolean) {
  Object.defineProperty(navigator, "onLine", { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? "online" : "offline"));
}

const SERVER = "https://ll.example";
const me = BRANCH_ME;
/** The server's own registry: 老牛湾村 only, so a check with the built-in one would differ. */
const serverRegistry: Registry = { ...DEFAULT_REGISTRY, branches: DEFAULT_REGISTRY.branches.slice(0, 1) };

const clean = cleanResult("民情问题台账", "problems");

function scene() {
  const storage = connectedStorage(SERVER, "t", {
    "ledgerline.server": JSON.stringify({ serverUrl: SERVER, me, registry: serverRegistry }),
  });
  const host = fakeHost([clean]);
  host.validate = vi.fn(async () => {
    return {
      results: [clean],
      workbook: {
        sheets: [{ name: "民情问题台账", values: [["编号"], ["MQ-1"]], merges: [] }],
        date1904: false,
      },
      cellsMarked: 0,
      notesWritten: 0,
      mode: "notes" as const,
    };
  });
  const calls: string[] = [];
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    calls.push(`${init?.method ?? "GET"} ${path}`);
    if (!navigator.onLine) throw new TypeError("Failed to fetch");
    if (path === "/api/me") return jsonResponse(me);
    if (path === "/api/registry")
      return jsonResponse({ version: 1, updatedAt: null, registry: serverRegistry });
    return jsonResponse(receipt(), 201);
  }) as unknown as typeof fetch;
  return { storage, host, fetchImpl, calls };
}

describe("offline", () => {
  it("says so, checks as the server last said, keeps 提交 and sends it once the clerk confirms online", async () => {
    setOnline(false);
    const { storage, host, fetchImpl, calls } = scene();
    render(
      <App host={host} storage={storage} fetchImpl={fetchImpl} outbox={createOutbox({ store: null })} />,
    );
    expect(screen.getByTestId("offline").textContent).toBe(
      "离线：校验、标记、汇总和模板照常可用，提交将在联网后进行",
    );
    // The user the server named last, without asking it.
    expect(screen.getByTestId("who").textContent).toContain("李支书");
    fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
    await waitFor(() => expect(screen.getByText(/没有发现问题/)).toBeTruthy());
    expect(screen.queryByText(/暂用内置名单/)).toBeNull();

    fireEvent.click(screen.getByRole("tab", { name: "提交" }));
    fireEvent.click(
      within(await screen.findByRole("region", { name: "提交台账" })).getByRole("button", { name: "提交" }),
    );
    await waitFor(() =>
      expect(screen.getByText("已保存“民情问题台账”（2025）的提交，联网后经您确认即发送。")).toBeTruthy(),
    );
    expect(screen.getByTestId("outbox").textContent).toContain(
      "1 份台账等待联网后提交：民情问题台账（2025）。",
    );
    expect(screen.queryByRole("button", { name: "现在提交" })).toBeNull();
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);

    act(() => setOnline(true));
    await waitFor(() =>
      expect(screen.getByTestId("outbox").textContent).toContain(
        "网络已连接，1 份台账等待提交：民情问题台账（2025）。",
      ),
    );
    expect(screen.queryByTestId("offline")).toBeNull();
    // Nothing is sent until the clerk confirms.
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "现在提交" }));
    await waitFor(() => expect(screen.getByText(/已提交“民情问题台账”：回执号 \d+，第 1 版/)).toBeTruthy());
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual(["POST /api/submissions"]);
    expect(screen.queryByTestId("outbox")).toBeNull();
  });

  it("checks with the registry the server gave last, not the built-in one", async () => {
    const ledger: WorkbookInput = {
      sheets: [
        {
          name: "民情问题台账",
          values: [PROBLEM_HEADER, problemRow(1, { 村: "乾坤湾村" }, PROBLEM_HEADER)],
          merges: [],
        },
      ],
      date1904: false,
    };
    const codes = async (remembered: boolean) => {
      setOnline(false);
      const { storage, host, fetchImpl } = scene();
      if (!remembered) storage.removeItem("ledgerline.server");
      let found: string[] = [];
      host.validate = vi.fn(async (_scope: unknown, engine: Engine) => {
        const results = engine(ledger);
        found = results.flatMap((r) => r.findings.map((f) => `${f.code} ${f.cell}`));
        return { results, workbook: ledger, cellsMarked: 0, notesWritten: 0, mode: "notes" as const };
      });
      render(
        <App host={host} storage={storage} fetchImpl={fetchImpl} outbox={createOutbox({ store: null })} />,
      );
      fireEvent.click(screen.getByRole("button", { name: "校验本表" }));
      await waitFor(() => expect(host.validate).toHaveBeenCalled());
      cleanup();
      return found;
    };
    // The server's registry has 老牛湾村 only; the built-in one has 乾坤湾村 too.
    expect(await codes(true)).toContain("unknown-branch D2");
    expect(await codes(false)).not.toContain("unknown-branch D2");
  });
});

describe("a new version", () => {
  it("is offered while the page is in use, and taken on the clerk's word", () => {
    let ready = false;
    const listeners = new Set<() => void>();
    const update: AppUpdate = {
      ready: () => ready,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      apply: vi.fn(),
    };
    render(<App host={fakeHost()} storage={memoryStorage()} update={update} />);
    expect(screen.queryByRole("button", { name: "使用新版本" })).toBeNull();
    act(() => {
      ready = true;
      for (const l of listeners) l();
    });
    expect(screen.getByText(/台账通有新版本/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "使用新版本" }));
    expect(update.apply).toHaveBeenCalledTimes(1);
  });
});
