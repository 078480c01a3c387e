import { createHash } from 'node:crypto';
import { DomainError } from '../core/domain-error';

/** Where a page ended: the sort key of its last row. Opaque to callers (base64url JSON). */
export interface CursorKey {
  /** The sort column's value for sorts other than time (null for a missing carrier, ...). */
  key: string | null;
  occurredAt: number;
  id: number;
}

interface CursorBody extends CursorKey {
  v: 1;
  /** Fingerprint of the filters and sort the cursor was made for. */
  f: string;
}

export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

export function encodeCursor(key: CursorKey, print: string): string {
  const body: CursorBody = { v: 1, f: print, ...key };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(cursor: string, print: string): CursorKey {
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw new DomainError(
      'INVALID_CURSOR',
      'after: the cursor is not one this console made; start from the first page.',
    );
  }
  if (body.v !== 1 || typeof body.occurredAt !== 'number' || typeof body.id !== 'number' || body.key === undefined) {
    throw new DomainError(
      'INVALID_CURSOR',
      'after: the cursor is not one this console made; start from the first page.',
    );
  }
  if (body.f !== print) {
    throw new DomainError(
      'INVALID_CURSOR',
      'after: the cursor belongs to different filters or a different sort; start again from the first page.',
    );
  }
  return { key: body.key, occurredAt: body.occurredAt, id: body.id };
}
