/**
 * Hostile cell text in the pane: XSS payloads that reach findings (messages echo cell values),
 * sheet names and summary figures (bar labels come from cell values) are shown as text, never
 * parsed as HTML. Part of the hostile-input suite (test/hostile).
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { FindingsList } from "../../addin/app/FindingsList";
import { SummaryView } from "../../addin/app/SummaryView";
import { I18nProvider } from "../../addin/app/i18n";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";

afterEach(cleanup);

const PAYLOADS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(2)</script>",
  '"><svg onload=alert(3)>',
  '<a href="javascript:alert(4)">点我</a>',
  "<iframe srcdoc='<script>alert(5)</script>'>",
];

function withProviders(ui: React.ReactNode) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="zh-CN">{ui}</I18nProvider>
    </FluentProvider>,
  );
}

/** A 民情问题台账 whose cells and sheet name carry the payloads: the engine's messages echo them. */
function hostileWorkbook() {
  const values = [
    ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态", "解决日期", "受益户数", "受益人数"],
    ...PAYLOADS.map((p, i) => [`M${i}`, "2025-09-01", p, p, p, p, null, 1, 2]),
  ];
  return { sheets: [{ name: PAYLOADS[0].slice(0, 31), values, merges: [] }], date1904: false };
}

function hostileResults() {
  return validateWorkbook(hostileWorkbook(), { asOf: "2025-10-01", registry: DEFAULT_REGISTRY });
}

function expectNoInjectedElements(container: HTMLElement) {
  expect(container.querySelectorAll("img, script, iframe, svg[onload], a[href^='javascript']").length).toBe(
    0,
  );
  for (const el of container.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames())
      expect([el.tagName, attr]).not.toEqual([el.tagName, expect.stringMatching(/^on/)]);
  }
}

describe("XSS payloads in cell text", () => {
  it("are shown as text in the findings list", async () => {
    const results = hostileResults();
    expect(results[0].kind).toBe("problems");
    const messages = results[0].findings.map((f) => f.message);
    // The engine echoes the payloads in its findings (村 unknown, 问题类别 and 办理状态 not allowed).
    expect(messages.filter((m) => /<(img|script|svg|a|iframe)\b/.test(m)).length).toBeGreaterThanOrEqual(
      PAYLOADS.length,
    );
    const { container } = withProviders(
      <FindingsList results={results} onSelect={() => undefined} workbook={hostileWorkbook()} />,
    );
    // Open every folded line, and the standalone page's grid around a finding: the cells' own text.
    for (const fold of screen.getAllByRole("button", { expanded: false })) fireEvent.click(fold);
    fireEvent.click(container.querySelector("[data-cell]") as Element);
    await waitFor(() => expect(container.querySelectorAll("[data-preview] td").length).toBeGreaterThan(0));
    expectNoInjectedElements(container);
    for (const m of messages) expect(container.textContent).toContain(m);
    expect(
      screen.getAllByText((text) => text.includes("<img src=x onerror=alert(1)>")).length,
    ).toBeGreaterThan(0);
  });

  it("are shown as text in the summary: sheet names and bar labels", () => {
    const values = [
      ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态", "解决日期", "受益户数", "受益人数"],
      ["M1", "2025-09-01", "老牛湾村", "道路", PAYLOADS[0], "待办", null, 1, 2],
    ];
    const [result] = validateWorkbook(
      { sheets: [{ name: PAYLOADS[1].slice(0, 31), values, merges: [] }], date1904: false },
      { asOf: "2025-10-01", registry: DEFAULT_REGISTRY },
    );
    const hostile = {
      ...result,
      summary: { ...result.summary, byVillage: Object.fromEntries(PAYLOADS.map((p, i) => [p, i + 1])) },
    };
    const { container } = withProviders(<SummaryView results={[hostile]} />);
    expectNoInjectedElements(container);
    expect(container.textContent).toContain(PAYLOADS[1].slice(0, 31));
    for (const p of PAYLOADS) expect(container.textContent).toContain(p);
  });
});
