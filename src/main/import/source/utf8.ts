/**
 * Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. Only run once
 * a fast check (buffer.isUtf8 / a fatal TextDecoder) has said something is wrong, to say where.
 * `complete: false` accepts a sequence cut off by the end of the buffer (a chunk boundary).
 */
export function firstInvalidUtf8(buf: Uint8Array, complete = true): number {
  const len = buf.length;
  let i = 0;
  while (i < len) {
    const c = buf[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= len) {
      // Cut off by the end of the buffer: wrong in a whole file, the next chunk's business in a stream.
      for (let k = i + 1; k < len; k++) if ((buf[k] & 0xc0) !== 0x80) return i;
      return complete ? i : -1;
    }
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const b = buf[i + k];
      if ((b & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Lines before `offset` in `buf` (0-based count of LF bytes). */
export function newlinesBefore(buf: Uint8Array, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) n++;
  return n;
}
