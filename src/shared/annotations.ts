import { z } from 'zod';

/** Limits of an event's annotation (docs/export-format.md, docs/workspaces.md). */
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;
export const MAX_NOTE_LENGTH = 2000;

const TAG = /^[a-z0-9][a-z0-9._-]*$/;

/** A tag as it is stored and filtered on: trimmed and lower-cased, so "Fraud" and "fraud " are one tag. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(MAX_TAG_LENGTH, `is too long for a tag (at most ${MAX_TAG_LENGTH} characters)`)
  .regex(TAG, { message: "may hold only letters a-z, digits, '.', '_' and '-', starting with a letter or digit" });

/** An event's tags: normalised, each once, in alphabetical order. */
export const tagListSchema = z
  .array(tagSchema)
  .max(MAX_TAGS, `has more than ${MAX_TAGS} tags`)
  .transform((tags) => [...new Set(tags)].sort());

/** A note: trimmed; empty means no note. */
export const noteSchema = z
  .string()
  .trim()
  .max(MAX_NOTE_LENGTH, `is too long for a note (at most ${MAX_NOTE_LENGTH} characters)`)
  .transform((note) => (note === '' ? null : note));

/** Splits what an operator typed ("fraud, sim-swap  follow-up") into tags, unchecked. */
export function splitTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
}
