import { FIRST_ADMIN, type RunningConsole } from './console';

/** Ada, the first administrator: the operator the tests sign in as unless they say otherwise. */
export const ADA = FIRST_ADMIN;
/** Cal, the caller: an employee whose number is typed the national way, as users do. */
export const CAL = { name: 'Cal Caller', email: 'cal@example.com', phone: '07111 222444', country: 'GB' };

/** Cal, added by Ada (the `mfa` fixture's first administrator) through the command line. */
export async function addAdaAndCal(mfa: RunningConsole): Promise<void> {
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

/**
 * Another operator, added by whoever the command line is signed in as, then signed in there
 * (the temporary password replaced by PASSWORD): the command line acts as them from now on.
 */
export async function addOperatorAndLogIn(
  mfa: RunningConsole,
  who: { name: string; email: string; phone: string; role: 'administrator' | 'technician' },
): Promise<void> {
  const added = JSON.parse(
    mfa.cli([
      'users',
      'add',
      '--reason',
      'New member of the helpdesk',
      '--name',
      who.name,
      '--email',
      who.email,
      '--role',
      who.role,
      '--phone',
      who.phone,
      '--json',
    ]),
  ) as { value: { temporaryPassword: string } };
  await mfa.cliLogin(who, { password: added.value.temporaryPassword });
}

/** Grace, the second administrator, who can approve what Ada files. */
export const GRACE = { name: 'Grace Admin', email: 'grace@example.com', phone: '+447400123005' };

/** Grace, added by Ada on the command line; her first sign-in (there) replaces the temporary password. */
export async function addGrace(mfa: RunningConsole): Promise<void> {
  await addOperatorAndLogIn(mfa, { ...GRACE, role: 'administrator' });
  await mfa.cliLogin(ADA);
}

/** Grace approves a request from her terminal (`mfa-console approvals approve`); the terminal is Ada's again after. */
export async function graceApproves(mfa: RunningConsole, id: number, reason: string): Promise<void> {
  await mfa.cliLogin(GRACE);
  mfa.cli(['approvals', 'approve', String(id), '--reason', reason]);
  await mfa.cliLogin(ADA);
}
