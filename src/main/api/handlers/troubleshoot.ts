import type { AppContext } from '../../context';
import { DomainError } from '../../core/domain-error';
import { troubleshootFacts } from '../../troubleshoot/facts';
import { workspaceTroubleshootFacts } from '../../troubleshoot/workspace-facts';
import type { Handlers } from '../dispatch';

/** The caller's facts: from the live users and events, or, in a workspace, from its imported events. */
export function troubleshootHandlers(ctx: AppContext): Pick<Handlers, 'troubleshootFacts'> {
  return {
    troubleshootFacts: (input) => {
      const open = ctx.workspaces.current;
      if (open) return workspaceTroubleshootFacts(open.db, open.name, input);
      if (input.email === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          'phone: the live console finds the caller by email (the Users directory finds one by phone).',
          {
            field: 'phone',
          },
        );
      }
      return troubleshootFacts(ctx.db, input.email, ctx.clock.now());
    },
  };
}
