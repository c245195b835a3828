/** Grouped horizontal bars for the print view: one group per branch (or period), one bar per series. */
import type { ReportChart } from "../../shared/period-report/schema";
import { formatFigure } from "../../shared/figures";
import { SERIES_COLOURS as COLOURS } from "../../shared/period-report/layout";

export function Chart({ chart }: { chart: ReportChart }) {
  const width = 330;
  const labelWidth = 76;
  const valueWidth = 56;
  const bar = 9;
  const group = chart.series.length * bar + 8;
  const legend = 16;
  const height = chart.labels.length * group + legend + 4;
  const plot = width - labelWidth - valueWidth;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  const shown = (v: number | null) =>
    v === null ? "—" : formatFigure({ type: chart.type, label: { zh: "", en: "" }, unit: null }, v, "zh-CN");
  return (
    <figure className="chart">
      <figcaption>{chart.title}</figcaption>
      <svg
        role="img"
        aria-label={chart.title}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        {chart.series.map((s, k) => (
          <g key={s.name}>
            <rect x={labelWidth + k * 70} y={2} width={10} height={10} fill={COLOURS[k % COLOURS.length]} />
            <text x={labelWidth + k * 70 + 14} y={11} fontSize={10}>
              {s.name}
            </text>
          </g>
        ))}
        {chart.labels.map((label, i) => {
          const y = legend + i * group;
          return (
            <g key={label}>
              <text x={labelWidth - 4} y={y + group / 2 + 3} textAnchor="end" fontSize={10}>
                {label}
              </text>
              {chart.series.map((s, k) => {
                const v = s.values[i] ?? null;
                const w = v !== null && max > 0 ? Math.max(1, (v / max) * plot) : 0;
                return (
                  <g key={s.name}>
                    <rect
                      x={labelWidth}
                      y={y + 4 + k * bar}
                      width={w}
                      height={bar - 2}
                      fill={COLOURS[k % COLOURS.length]}
                    />
                    <text x={labelWidth + w + 3} y={y + 4 + k * bar + 7} fontSize={8}>
                      {shown(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
