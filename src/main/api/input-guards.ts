/**
 * Characters no field of the console accepts: C0 controls other than tab and line breaks, DEL,
 * and lone surrogates. A NUL cut names short in CSV exports, ended SQL strings early, and matched
 * every user in the directory; none of them belongs in a name, a search, a reason or a path.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface ControlCharacterFinding {
  path: string;
  codePoint: string;
  position: number;
}

/** The first forbidden character anywhere in an input (strings in objects and arrays), or null. */
export function findControlCharacter(value: unknown, path: string[] = []): ControlCharacterFinding | null {
  if (typeof value === 'string') {
    const match = FORBIDDEN.exec(value);
    if (!match) return null;
    const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { path: path.join('.') || '(input)', codePoint: `U+${code}`, position: match.index + 1 };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findControlCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
