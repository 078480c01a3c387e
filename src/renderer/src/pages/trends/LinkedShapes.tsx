import { Rectangle } from 'recharts';

/** What a bar or a point links to and says: its error-log filter and its figures in words. */
export interface Linked {
  href: string;
  label: string;
}

interface ShapeProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  cx?: number | string;
  cy?: number | string;
  fill?: string;
  stroke?: string;
  payload?: unknown;
  index?: number;
}

/**
 * Follows the link ourselves, on the press of the primary button: recharts redraws its shapes when
 * the pointer goes down on them, so the element a click would end on is gone and no click fires.
 * Enter on a focused link still clicks it.
 */
const follow = (href: string) => (event: { preventDefault: () => void; button?: number }) => {
  if (event.button !== undefined && event.button !== 0) return;
  event.preventDefault();
  window.location.hash = href.slice(1);
};

/**
 * A recharts Bar `shape`: the bar drawn inside a link into the error log, so a pointer click, a Tab
 * and Enter all open exactly its rows; pointing at it or focusing it shows its figures below.
 */
export function linkedBar<T>(linkOf: (row: T) => Linked | null, onShow: (text: string | null) => void) {
  function LinkedBar(props: ShapeProps) {
    const link = linkOf(props.payload as T);
    const rect = <Rectangle {...(props as object)} />;
    if (!link || !Number(props.height) || !Number(props.width)) return rect;
    return (
      <a
        href={link.href}
        aria-label={link.label}
        data-testid="chart-link"
        onClick={follow(link.href)}
        onMouseDown={follow(link.href)}
        onMouseEnter={() => onShow(link.label)}
        onFocus={() => onShow(link.label)}
        onMouseLeave={() => onShow(null)}
      >
        {rect}
      </a>
    );
  }
  return LinkedBar;
}

/** A recharts Line `dot`: a point that is a link (as linkedBar). */
export function linkedDot<T>(linkOf: (row: T) => Linked | null, onShow: (text: string | null) => void, colour: string) {
  function LinkedDot(props: ShapeProps) {
    const link = linkOf(props.payload as T);
    if (!link || props.cx == null || props.cy == null) return <g key={props.index} />;
    return (
      <a
        key={props.index}
        href={link.href}
        aria-label={link.label}
        data-testid="chart-link"
        onClick={follow(link.href)}
        onMouseDown={follow(link.href)}
        onMouseEnter={() => onShow(link.label)}
        onFocus={() => onShow(link.label)}
        onMouseLeave={() => onShow(null)}
      >
        <circle cx={Number(props.cx)} cy={Number(props.cy)} r={4} fill={colour} stroke={colour} />
      </a>
    );
  }
  return LinkedDot;
}
