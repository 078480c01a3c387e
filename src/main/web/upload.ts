import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** The largest file the web shell accepts for an import, unless MFA_CONSOLE_UPLOAD_LIMIT_MB says otherwise. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

export function uploadLimit(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.MFA_CONSOLE_UPLOAD_LIMIT_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_UPLOAD_LIMIT_BYTES;
}

/** A file name the browser sent, kept to letters, digits and a few separators (never a folder). */
export function safeUploadName(name: string | null): string {
  const cleaned = (name ?? '')
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || 'upload';
}

export type UploadOutcome =
  | { ok: true; path: string; name: string; size: number }
  | { ok: false; status: 413 | 400; code: string; message: string };

/**
 * Streams a request body to a new private folder of the uploads directory (mode 0700, the file
 * 0600), never holding it in memory; over `limit` bytes it stops, removes what it wrote, and refuses.
 */
export async function receiveUpload(
  req: IncomingMessage,
  dir: string,
  name: string,
  limit: number,
): Promise<UploadOutcome> {
  const tooLarge = (): UploadOutcome => ({
    ok: false,
    status: 413,
    code: 'UPLOAD_TOO_LARGE',
    message: `${name}: the file is larger than the web shell accepts (${Math.round(limit / 1024 / 1024)} MiB; MFA_CONSOLE_UPLOAD_LIMIT_MB changes it). Import it with \`mfa-console import\` instead.`,
  });
  if (Number(req.headers['content-length']) > limit) return tooLarge();
  const folder = join(dir, randomBytes(9).toString('base64url'));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, name);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) done(new Error('UPLOAD_TOO_LARGE'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    if ((error as Error).message === 'UPLOAD_TOO_LARGE') return tooLarge();
    return {
      ok: false,
      status: 400,
      code: 'UPLOAD_FAILED',
      message: `${name}: the upload broke off (${(error as Error).message}).`,
    };
  }
  return { ok: true, path, name, size };
}
