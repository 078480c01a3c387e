import { z } from 'zod';
import { noteSchema, tagListSchema } from '../annotations';
import { method } from './define';

/** An investigator's marks on one event; never part of the event log itself. */
export interface EventAnnotation {
  starred: boolean;
  /** Normalised (lower case), alphabetical. */
  tags: string[];
  note: string | null;
  /** The operator who changed it last, and when (unix ms); null when never annotated. */
  updatedBy: string | null;
  updatedAt: number | null;
}

const eventId = z.number().int().positive();

export const annotationMethods = {
  /** Stars or unstars an event of the open database (live or workspace). */
  eventStar: method<EventAnnotation>()(z.object({ id: eventId, starred: z.boolean() }).strict()),
  /** Replaces the event's tags (at most 10; letters, digits, '.', '_', '-'; stored lower-case). */
  eventTagsSet: method<EventAnnotation>()(z.object({ id: eventId, tags: tagListSchema }).strict()),
  /** Replaces the event's note (at most 2,000 characters; empty removes it). */
  eventNoteSet: method<EventAnnotation>()(z.object({ id: eventId, note: noteSchema }).strict()),
};
