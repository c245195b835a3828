/** A small horizontal SVG bar chart (Fluent UI v9 has no chart component). */
import { tokens } from "@fluentui/react-components";

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({
  title,
  bars,
  width = 300,
  format = formatNumber,
}: {
  title: string;
  bars: readonly Bar[];
  width?: number;
  /** A value as text with its unit ("12 件", "36.8%"); every bar of one chart shares that unit. */
  format?: (value: number) => string;
}) {
  const rowHeight = 22;
  const labelWidth = Math.min(120, Math.max(40, ...bars.map((b) => b.label.length * 13)));
  const valueWidth = Math.max(48, ...bars.map((b) => format(b.value).length * 8));
  const plot = Math.max(40, width - labelWidth - valueWidth);
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 4;
  const description = bars.map((b) => `${b.label} ${format(b.value)}`).join("，");
  return (
    <figure style={{ margin: "8px 0" }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}：${description}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        <title>{`${title}：${description}`}</title>
        {bars.map((b, i) => {
          const w = max > 0 ? Math.max(1, (b.value / max) * plot) : 0;
          const y = i * rowHeight + 2;
          return (
            <g key={b.label}>
              <text
                x={labelWidth - 4}
                y={y + 14}
                textAnchor="end"
                fontSize={12}
                fill={tokens.colorNeutralForeground1}
              >
                {b.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 3}
                width={w}
                height={rowHeight - 8}
                rx={2}
                fill={tokens.colorBrandBackground}
              />
              <text x={labelWidth + w + 4} y={y + 14} fontSize={12} fill={tokens.colorNeutralForeground2}>
                {format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, "");
}
