/**
 * How instants are written in sentences. The engine writes them in UTC ("2026-11-22 10:14 UTC",
 * utcText) so the command line and exports read the same everywhere; the console's screens show
 * each one on the operator's clock instead (zonedText), with the UTC text on hover. UTC_TEXT finds
 * the engine's instants in a sentence, so a screen can do that without the engine knowing its zone.
 */
export function utcText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** An instant as utcText writes it; global, for splitting a sentence. */
export const UTC_TEXT = /\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g;

/** The instant of a utcText match. */
export function parseUtcText(day: string, time: string): number {
  return Date.parse(`${day}T${time}:00Z`);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-22 05:14" (with seconds: "05:14:09") on the clock of an IANA zone. */
export function zonedText(ms: number, timeZone: string, withSeconds = false): string {
  const key = `${timeZone}|${withSeconds}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: withSeconds ? '2-digit' : undefined,
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const time = `${part.hour}:${part.minute}${withSeconds ? `:${part.second}` : ''}`;
  return `${part.year}-${part.month}-${part.day} ${time}`;
}

/** A sentence with each of the engine's UTC instants rewritten on the clock of `timeZone`. */
export function zonedSentence(text: string, timeZone: string): string {
  return text.replace(UTC_TEXT, (_m, day: string, time: string) => zonedText(parseUtcText(day, time), timeZone));
}
