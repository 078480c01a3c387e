export type NdjsonItem =
  { line: number; value: unknown; error?: undefined } | { line: number; error: string; value?: undefined };

/** One JSON object per line; a blank line is skipped, a bad line is one bad record (the next lines still read). */
export async function* ndjsonRecords(chunks: AsyncIterable<string>): AsyncIterable<NdjsonItem[]> {
  let carry = '';
  let line = 1;
  const parseLine = (text: string, out: NdjsonItem[]) => {
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') {
      try {
        const value: unknown = JSON.parse(trimmed);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          out.push({ line, error: `expected a JSON object on the line, found ${trimmed.slice(0, 40)}` });
        } else out.push({ line, value });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*$/s, '');
        out.push({ line, error: `expected a JSON object on the line, found invalid JSON (${message})` });
      }
    }
    line++;
  };
  for await (const chunk of chunks) {
    const text = carry ? carry + chunk : chunk;
    const out: NdjsonItem[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      parseLine(text.slice(start, nl), out);
      start = nl + 1;
    }
    carry = text.slice(start);
    if (out.length) yield out;
  }
  if (carry) {
    const out: NdjsonItem[] = [];
    parseLine(carry, out);
    if (out.length) yield out;
  }
}
