import { Fragment } from 'react';
import Typography, { type TypographyProps } from '@mui/material/Typography';
import { parseUtcText, UTC_TEXT, utcText, zonedText } from '../../../shared/time-text';
import { operatorTimeZone } from '../app/time-zone';

/**
 * An instant on the operator's clock ("2026-11-22 05:14"), its UTC on hover. Screens name the
 * zone once (ZoneNote) instead of after every time.
 */
export function When({
  ms,
  seconds = false,
  empty = '—',
}: {
  ms: number | null | undefined;
  seconds?: boolean;
  empty?: string;
}) {
  if (ms == null) return <>{empty}</>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={utcText(ms)}>
      {zonedText(ms, operatorTimeZone(), seconds)}
    </time>
  );
}

/** A sentence from the engine with each of its UTC instants shown on the operator's clock. */
export function TimedText({ text }: { text: string }) {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const match of text.matchAll(UTC_TEXT)) {
    parts.push(text.slice(last, match.index), parseUtcText(match[1], match[2]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{typeof part === 'number' ? <When ms={part} /> : part}</Fragment>
      ))}
    </>
  );
}

/** "Times in Europe/London; hover a time for UTC": said once per screen. */
export function ZoneNote(props: TypographyProps) {
  return (
    <Typography variant="caption" color="text.secondary" data-testid="zone-note" {...props}>
      Times in {operatorTimeZone()}; hover a time for UTC.
    </Typography>
  );
}
