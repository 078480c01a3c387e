import { openDb, type AppContext } from '../../context';
import { annotateEvent, type AnnotationChange } from '../../events/annotations';
import { requireOperator } from '../../users/operators';
import { actorOf, type CallContext } from '../call-context';
import type { Handlers } from '../dispatch';

type AnnotationHandlers = Pick<Handlers, 'eventStar' | 'eventTagsSet' | 'eventNoteSet'>;

/**
 * An investigator's star, tags and note on an event of the open database (a workspace's or the
 * live one), recorded under the signed-in operator (an active technician or administrator).
 */
export function annotationHandlers(ctx: AppContext): AnnotationHandlers {
  const annotate = async (call: CallContext, id: number, change: AnnotationChange) => {
    const actor = actorOf(call);
    await ctx.db.read((manager) => requireOperator(manager, actor, 'annotate events'));
    return annotateEvent(openDb(ctx), ctx.clock, actor, id, change);
  };
  return {
    eventStar: (input, call) => annotate(call, input.id, { starred: input.starred }),
    eventTagsSet: (input, call) => annotate(call, input.id, { tags: input.tags }),
    eventNoteSet: (input, call) => annotate(call, input.id, { note: input.note }),
  };
}
