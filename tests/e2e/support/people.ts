import type { RunningConsole } from './console';

/** Ada, an administrator to act as; the one the console picks by default. */
export const ADA = { name: 'Ada Admin', email: 'ada@example.com', phone: '+4407111222333' };
/** Cal, the caller: an employee whose number is typed the national way, as users do. */
export const CAL = { name: 'Cal Caller', email: 'cal@example.com', phone: '07111 222444', country: 'GB' };

/** Creates Ada and Cal through the command line, the same engine the page uses. */
export function addAdaAndCal(mfa: RunningConsole): void {
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    ADA.name,
    '--email',
    ADA.email,
    '--role',
    'administrator',
    '--phone',
    ADA.phone,
  ]);
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    CAL.name,
    '--email',
    CAL.email,
    '--role',
    'employee',
    '--phone',
    CAL.phone,
    '--country',
    CAL.country,
  ]);
}
