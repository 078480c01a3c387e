import type { Command } from 'commander';
import type { EventAnnotation } from '../../../shared/contract';
import { splitTags } from '../../../shared/annotations';
import type { Result } from '../../../shared/result';
import { printResult } from '../output';
import { withApi, type DbOptions } from '../session';

const describe = (id: string) => (a: EventAnnotation) =>
  [
    `Event ${id}: ${a.starred ? 'starred' : 'not starred'}`,
    `tags: ${a.tags.length > 0 ? a.tags.join(', ') : 'none'}`,
    `note: ${a.note ?? 'none'}`,
  ].join('; ');

/** `events star|unstar|tag|note <id>`: an investigator's marks, as the drawer sets them. */
export function registerAnnotationCommands(program: Command, setExit: (code: number) => void): void {
  const events = program.commands.find((c) => c.name() === 'events');
  if (!events) throw new Error('register the events commands first');
  const command = (spec: string, description: string) =>
    events
      .command(spec)
      .description(description)
      .option('--db <path>', 'database file (default: the data directory)')
      .option('--json', 'print JSON');
  const run = async (id: string, options: DbOptions, method: string, input: Record<string, unknown>) => {
    const result = await withApi(options, (api) => api.call(method, { id: Number(id), ...input }));
    setExit(printResult(result as Result<EventAnnotation>, options, describe(id)));
  };
  command('star <id>', 'star an event').action((id: string, options: DbOptions) =>
    run(id, options, 'eventStar', { starred: true }),
  );
  command('unstar <id>', 'remove the star').action((id: string, options: DbOptions) =>
    run(id, options, 'eventStar', { starred: false }),
  );
  command('tag <id> [tags...]', "set the event's tags (none clears them)").action(
    (id: string, tags: string[], options: DbOptions) =>
      run(id, options, 'eventTagsSet', { tags: tags.flatMap(splitTags) }),
  );
  command('note <id> <text>', 'set the event\'s note ("" removes it)').action(
    (id: string, text: string, options: DbOptions) => run(id, options, 'eventNoteSet', { note: text }),
  );
}
