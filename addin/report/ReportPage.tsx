/**
 * The print view of the 季总结 / 年盘点 draft: choose the year, quarter and branch, read the draft
 * from GET /api/report with the pane's saved server and token, show it as an A4 page with charts;
 * 打印 / 另存为 PDF is the browser's print, 下载 Word builds the same .docx the CLI writes.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { hc } from "hono/client";
import { QuarterSchema } from "../../shared/api";
import { answer, clientOptions, serverBase } from "../../shared/client";
import type { AppType } from "../../worker/index";
import { failureText } from "../app/failure";
import { downloadBytes } from "../file/download";
import { browserStorage, loadSettings } from "../app/storage";
import { paneText, type PaneMessageKey } from "../../shared/messages/pane";
import { PLACEHOLDER, reportText as T } from "../../shared/messages/report";
import { attentionTables, kindTable } from "../../shared/period-report/layout";
import { PeriodReportSchema, type PeriodReport, type ReportTable } from "../../shared/period-report/schema";
import { Chart } from "./Chart";

/** Text with every 【请补充】 highlighted, so nothing to write is missed on paper either. */
function Marked({ text }: { text: string }) {
  return (
    <>
      {text.split(/(【请补充】)/u).map((part, i) =>
        part === PLACEHOLDER ? (
          <span key={i} className="placeholder">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Table({ columns, rows }: { columns: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <table>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TableBlock({ table, none }: { table: ReportTable; none: string }) {
  return (
    <section>
      <h3>{table.title}</h3>
      {table.rows.length ? <Table columns={table.columns} rows={table.rows} /> : <p>{none}</p>}
    </section>
  );
}

export function Report({ report }: { report: PeriodReport }) {
  const none = T.attention.none;
  return (
    <article className="sheet">
      <h1>{report.title}</h1>
      <p className="subtitle">
        <Marked text={report.subtitle} />
      </p>
      {report.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      <h2>{T.sections.system}</h2>
      {report.system.map((part) => (
        <section key={part.heading}>
          <h3>{part.heading}</h3>
          {part.items.map((item) => (
            <p key={item.heading}>
              <strong>{item.heading}。</strong>
              <Marked text={item.lines.join("")} />
            </p>
          ))}
        </section>
      ))}
      {report.charts.length > 0 && (
        <div className="charts">
          {report.charts.map((c) => (
            <Chart key={c.title} chart={c} />
          ))}
        </div>
      )}
      <h2>{T.sections.figures}</h2>
      {report.kinds.map((kind, i) => (
        <TableBlock key={kind.kind} table={kindTable(report, kind, i)} none={none} />
      ))}
      {report.missingKinds.length > 0 && <p>{T.noData(report.missingKinds.join("、"))}</p>}
      {report.branches.length > 0 && (
        <>
          <h2>{T.sections.branches}</h2>
          {report.branches.map((b) => (
            <TableBlock key={b.title} table={b} none={none} />
          ))}
        </>
      )}
      <h2>{T.sections.attention}</h2>
      {attentionTables(report).map((t) => (
        <TableBlock key={t.title} table={t} none={none} />
      ))}
      {report.closing.map((c) => (
        <section key={c.heading}>
          <h2>{c.heading}</h2>
          {c.lines.map((l) => (
            <p key={l}>
              <Marked text={l} />
            </p>
          ))}
        </section>
      ))}
    </article>
  );
}

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function ReportPage() {
  const settings = useMemo(() => loadSettings(browserStorage()), []);
  const t = useCallback(
    (key: PaneMessageKey, vars?: Readonly<Record<string, string | number>>) =>
      paneText(settings.locale, key, vars),
    [settings.locale],
  );
  // The draft's own client, so the pane's first screen carries neither the route nor its schema.
  const api = useMemo(
    () =>
      settings.serverUrl && settings.token
        ? hc<AppType>(serverBase(settings.serverUrl), clientOptions(settings.token)).api
        : null,
    [settings.serverUrl, settings.token],
  );
  const initial = useMemo(() => new URLSearchParams(window.location.search), []);
  const [year, setYear] = useState(initial.get("year") ?? String(new Date().getFullYear()));
  const [quarter, setQuarter] = useState(initial.get("quarter") ?? "");
  const [branch, setBranch] = useState(initial.get("branch") ?? "");
  const [report, setReport] = useState<PeriodReport | null>(null);
  const [message, setMessage] = useState<string | null>(api ? null : t("reportNoServer"));

  const make = useCallback(
    async (query: { year: string; quarter: string; branch: string }) => {
      if (!api) return;
      setMessage(t("reportLoading"));
      const quarter = QuarterSchema.safeParse(query.quarter);
      const answered = await answer(
        () =>
          api.report.$get({
            query: {
              year: query.year,
              ...(quarter.success ? { quarter: quarter.data } : {}),
              ...(query.branch.trim() ? { branch: query.branch.trim() } : {}),
            },
          }),
        PeriodReportSchema,
      );
      if (answered.ok) {
        setReport(answered.value);
        setMessage(null);
      } else {
        setReport(null);
        setMessage(t("reportFailed", { message: failureText(t, answered.failure) }));
      }
    },
    [api, t],
  );

  // A link that names the year (?year=2025) opens the draft at once.
  useEffect(() => {
    const y = initial.get("year");
    if (y) void make({ year: y, quarter: initial.get("quarter") ?? "", branch: initial.get("branch") ?? "" });
  }, [initial, make]);

  useEffect(() => {
    document.title = report ? report.title : t("reportTitle");
  }, [report, t]);

  const word = async () => {
    if (!report) return;
    const { reportDocx } = await import("../../shared/period-report/docx");
    downloadBytes(await reportDocx(report), `${report.title}.docx`, DOCX_TYPE);
  };

  return (
    <>
      <div className="toolbar">
        <label>
          {t("reportYear")}
          <input value={year} onChange={(e) => setYear(e.target.value)} size={6} inputMode="numeric" />
        </label>
        <label>
          {t("reportQuarter")}
          <select value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            <option value="">{t("reportWholeYear")}</option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={String(n)}>
                {t("reportQuarterN", { n })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("reportBranch")}
          <input value={branch} onChange={(e) => setBranch(e.target.value)} />
        </label>
        <button type="button" disabled={!api} onClick={() => void make({ year, quarter, branch })}>
          {t("reportMake")}
        </button>
        <button type="button" disabled={!report} onClick={() => window.print()}>
          {t("reportPrint")}
        </button>
        <button type="button" disabled={!report} onClick={() => void word()}>
          {t("reportWord")}
        </button>
      </div>
      {message && (
        <p className="message" role="status">
          {message}
        </p>
      )}
      {report && <Report report={report} />}
    </>
  );
}
