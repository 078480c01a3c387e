import { refuse } from './outcome';
import type { UserRow } from '../users/user-row';

/**
 * The path the documents give an operator who needs help with their own account: their backup
 * codes, then another administrator (CaseWare FAQ, "As an administrator I am also experiencing
 * issues with my 2FA and cannot login").
 */
export const OWN_ACCOUNT_PATH =
  'Use one of your backup codes to sign in if you cannot receive your code; otherwise ask another administrator to do it for you.';

/** No operator acts on their own account through the console: the change needs a second person. */
export function refuseSelfAction(operator: UserRow, user: UserRow, what: string): void {
  if (operator.id !== user.id) return;
  refuse(
    'SELF_ACTION',
    `You cannot ${what} on your own account (${user.email}): no operator acts on their own account through the console, so every change to it has a second person behind it. ${OWN_ACCOUNT_PATH}`,
  );
}
