import { useTheme } from '@mui/material/styles';
import { colourFor } from './palette';

export interface HeatCell {
  row: number;
  col: number;
  value: number;
  /** The error log with exactly this cell's filter. */
  href: string;
  /** What the cell holds, in words: its accessible name and the readout. */
  label: string;
}

const mix = (a: string, b: string, t: number) => {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const parts = [0, 1, 2].map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t));
  return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`;
};

/**
 * A grid of cells, each a link into the error log (focusable, named, Enter opens it), shaded from
 * the paper (none) to the failure colour (the most). Every cell has a divider-coloured edge, so an
 * empty cell still reads as a cell in both themes.
 */
export function Heatmap({
  rows,
  cols,
  cells,
  label,
  onShow,
  colLabelEvery = 1,
  rowLabelWidth = 96,
  testId,
}: {
  rows: string[];
  cols: string[];
  cells: HeatCell[];
  label: string;
  onShow: (text: string | null) => void;
  colLabelEvery?: number;
  rowLabelWidth?: number;
  testId: string;
}) {
  const theme = useTheme();
  const mode = theme.palette.mode;
  const strong = colourFor('sms_failure', 0, mode);
  const paper = theme.palette.background.paper;
  const max = Math.max(1, ...cells.map((c) => c.value));
  const cell = { w: 22, h: 22 };
  const top = 18;
  const width = rowLabelWidth + cols.length * cell.w;
  const height = top + rows.length * cell.h + 26;
  const text = { fill: theme.palette.text.secondary, fontSize: 11 };
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="group"
      aria-label={label}
      data-testid={testId}
      style={{ display: 'block', maxHeight: height * 1.5 }}
    >
      {cols.map((c, i) =>
        i % colLabelEvery === 0 ? (
          <text key={c} x={rowLabelWidth + i * cell.w + cell.w / 2} y={12} textAnchor="middle" {...text}>
            {c}
          </text>
        ) : null,
      )}
      {rows.map((r, i) => (
        <text key={r} x={rowLabelWidth - 6} y={top + i * cell.h + cell.h / 2 + 4} textAnchor="end" {...text}>
          {r.length > 14 ? `${r.slice(0, 13)}…` : r}
        </text>
      ))}
      {cells.map((c) => (
        <a
          key={`${c.row}:${c.col}`}
          href={c.href}
          aria-label={c.label}
          data-testid={`${testId}-cell`}
          onMouseEnter={() => onShow(c.label)}
          onFocus={() => onShow(c.label)}
          onMouseLeave={() => onShow(null)}
        >
          <rect
            x={rowLabelWidth + c.col * cell.w + 1}
            y={top + c.row * cell.h + 1}
            width={cell.w - 2}
            height={cell.h - 2}
            rx={3}
            fill={c.value === 0 ? paper : mix(paper, strong, 0.15 + 0.85 * (c.value / max))}
            stroke={theme.palette.divider}
          />
        </a>
      ))}
      {/* The scale: none to the most, in the same colours. */}
      {[0, 0.25, 0.5, 0.75, 1].map((t, i) => (
        <rect
          key={t}
          x={rowLabelWidth + i * 18}
          y={height - 18}
          width={16}
          height={12}
          rx={2}
          fill={t === 0 ? paper : mix(paper, strong, 0.15 + 0.85 * t)}
          stroke={theme.palette.divider}
        />
      ))}
      <text x={rowLabelWidth + 5 * 18 + 6} y={height - 8} {...text}>
        {`0 to ${max} failures`}
      </text>
    </svg>
  );
}
