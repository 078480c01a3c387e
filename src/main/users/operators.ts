import type { EntityManager } from 'typeorm';
import { DomainError } from '../core/domain-error';
import { findUser, type UserRow } from './user-row';

/**
 * The acting operator: an active technician or administrator (the documents' helpdesk and
 * admins; employees only sign in). `needsAdministrator` for what the
 * documents reserve to administrators (disabling 2FA, firm-wide policy, roles, settings).
 */
export async function requireOperator(
  manager: EntityManager,
  email: string,
  what: string,
  needsAdministrator = false,
): Promise<UserRow> {
  const operator = await findUser(manager, email);
  if (!operator)
    refuseOperator('NOT_AN_OPERATOR', `The operator ${email} is not a user of this console, so cannot ${what}.`);
  if (operator.status !== 'active') {
    refuseOperator('NOT_AN_OPERATOR', `The operator ${email} is deactivated, so cannot ${what}.`);
  }
  if (operator.role === 'employee') {
    refuseOperator(
      'NOT_AN_OPERATOR',
      `${email} is an employee; only technicians (the helpdesk) and administrators operate the console, so cannot ${what}.`,
    );
  }
  if (needsAdministrator && operator.role !== 'administrator') {
    refuseOperator(
      'NOT_ADMIN',
      `Only administrators may ${what}; ${email} is ${article(operator.role)} ${operator.role}.`,
    );
  }
  return operator;
}

function refuseOperator(code: string, message: string): never {
  throw new DomainError(code, message);
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
