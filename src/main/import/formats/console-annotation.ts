import { noteSchema, tagListSchema } from '../../../shared/annotations';
import { fail } from '../fields';
import type { ImportedAnnotation } from '../types';

/**
 * The star, tags and note an own NDJSON export carries after its 19 columns (docs/export-format.md),
 * checked as the API checks them. An export made before they existed has none of the three keys.
 */
export function consoleAnnotation(record: Record<string, unknown>): ImportedAnnotation | undefined {
  const { starred, tags, note } = record;
  if (starred === undefined && tags === undefined && note === undefined) return undefined;
  if (typeof starred !== 'boolean') fail('starred', 'true or false', starred);
  if (!Array.isArray(tags)) fail('tags', 'an array of tags such as ["fraud"]', tags);
  const parsedTags = tagListSchema.safeParse(tags);
  if (!parsedTags.success) fail('tags', `tags that ${parsedTags.error.issues[0].message}`, tags);
  if (note !== null && typeof note !== 'string') fail('note', 'text or null', note);
  const parsedNote = noteSchema.safeParse(note ?? '');
  if (!parsedNote.success) fail('note', 'a note of at most 2,000 characters', note);
  if (!starred && parsedTags.data.length === 0 && parsedNote.data === null) return undefined;
  return { starred, tags: parsedTags.data, note: parsedNote.data };
}
