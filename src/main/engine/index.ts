import type { Database } from '../db/database';
import { ProviderRegistry } from '../providers/registry';
import { SimulatedProvider } from '../providers/simulated';
import * as admin from './admin-actions';
import * as approvals from './approvals/decide';
import * as approvalExport from './approvals/export';
import * as backup from './backup-codes';
import * as caller from './caller-check';
import type { Clock } from '../core/clock';
import type { EngineDeps } from './deps';
import * as enrolment from './enrolment';
import * as firm from './firm-policy';
import * as policy from './policy-actions';
import * as signIn from './sign-in';
import * as views from './views';
import * as bulk from './safer/bulk-actions';
import * as phoneChange from './safer/phone-change';
import * as reset from './safer/reset-two-factor';
import * as access from './safer/temporary-access';
import * as userEnrolment from './safer/user-enrolment';

type Input<F> = F extends (deps: EngineDeps, input: infer I) => unknown ? I : never;

/**
 * The MFA engine: every rule of the documents, enforced once, over the database. Shells reach
 * it through the API; tests call it directly with a FakeClock.
 */
export class MfaEngine {
  readonly deps: EngineDeps;

  constructor(db: Database, clock: Clock, providers?: ProviderRegistry) {
    this.deps = { db, clock, providers: providers ?? new ProviderRegistry(db, new SimulatedProvider(db, clock)) };
  }

  get providers(): ProviderRegistry {
    return this.deps.providers;
  }

  // Users and enrolment
  addUser = (input: Input<typeof enrolment.addUser>) => enrolment.addUser(this.deps, input);
  checkPhone = (input: { phone: string; country?: string }) => enrolment.checkPhone(input);
  listUsers = (input: Input<typeof views.listUsers>) => views.listUsers(this.deps, input);
  getUser = (input: Input<typeof views.getUser>) => views.getUser(this.deps, input);
  revealPhone = (input: Input<typeof views.revealPhone>) => views.revealPhone(this.deps, input);
  outbox = (input: Input<typeof views.outbox>) => views.outbox(this.deps, input);
  signInMessages = (input: Input<typeof views.signInMessages>) => views.signInMessages(this.deps, input);

  // The user's sign-in
  sendCode = (input: Input<typeof signIn.sendCode>) => signIn.sendCode(this.deps, input);
  checkCode = (input: Input<typeof signIn.checkCode>) => signIn.checkCode(this.deps, input);
  notMyNumber = (input: Input<typeof signIn.notMyNumber>) => signIn.notMyNumber(this.deps, input);
  useBackupCode = (input: Input<typeof backup.useBackupCode>) => backup.useBackupCode(this.deps, input);
  useTemporaryAccess = (input: Input<typeof access.useTemporaryAccess>) => access.useTemporaryAccess(this.deps, input);
  enrolPhone = (input: Input<typeof userEnrolment.enrolPhone>) => userEnrolment.enrolPhone(this.deps, input);
  confirmEnrolment = (input: Input<typeof userEnrolment.confirmEnrolment>) =>
    userEnrolment.confirmEnrolment(this.deps, input);
  generateBackupCodes = (input: Input<typeof backup.generateBackupCodes>) =>
    backup.generateBackupCodes(this.deps, input);

  // The helpdesk
  sendCallerCode = (input: Input<typeof caller.sendCallerCode>) => caller.sendCallerCode(this.deps, input);
  checkCallerCode = (input: Input<typeof caller.checkCallerCode>) => caller.checkCallerCode(this.deps, input);
  lockUser = (input: admin.AdminInput) => admin.lockUser(this.deps, input);
  unlockUser = (input: admin.AdminInput) => admin.unlockUser(this.deps, input);
  resetCooldown = (input: admin.AdminInput) => admin.resetCooldown(this.deps, input);
  disableTwoFactor = (input: Input<typeof admin.disableTwoFactor>) => admin.disableTwoFactor(this.deps, input);
  enableTwoFactor = (input: admin.AdminInput) => admin.enableTwoFactor(this.deps, input);
  changePhone = (input: Input<typeof phoneChange.changePhone>) => phoneChange.changePhone(this.deps, input);
  confirmPhoneChange = (input: Input<typeof phoneChange.confirmPhoneChange>) =>
    phoneChange.confirmPhoneChange(this.deps, input);
  resetTwoFactor = (input: admin.AdminInput) => reset.resetTwoFactor(this.deps, input);
  issueTemporaryAccess = (input: Input<typeof access.issueTemporaryAccess>) =>
    access.issueTemporaryAccess(this.deps, input);
  revokeTemporaryAccess = (input: admin.AdminInput) => access.revokeTemporaryAccess(this.deps, input);
  previewBulkAction = (input: Input<typeof bulk.previewBulk>) => bulk.previewBulk(this.deps, input);
  runBulkAction = (input: Input<typeof bulk.runBulk>) => bulk.runBulk(this.deps, input);
  revokeDevices = (input: admin.AdminInput) => admin.revokeDevices(this.deps, input);
  deactivateUser = (input: admin.AdminInput) => admin.deactivateUser(this.deps, input);
  reactivateUser = (input: admin.AdminInput) => admin.reactivateUser(this.deps, input);
  setRole = (input: Input<typeof admin.setRole>) => admin.setRole(this.deps, input);

  // Two-person approval
  listApprovals = (input: Input<typeof approvals.listApprovals>) => approvals.listApprovals(this.deps, input);
  pendingApprovals = (input: Input<typeof approvals.pendingApprovals>) => approvals.pendingApprovals(this.deps, input);
  approveRequest = (input: Input<typeof approvals.approveRequest>) => approvals.approveRequest(this.deps, input);
  rejectRequest = (input: Input<typeof approvals.rejectRequest>) => approvals.rejectRequest(this.deps, input);
  requestUnmaskedExport = (input: Input<typeof approvalExport.requestUnmaskedExport>) =>
    approvalExport.requestUnmaskedExport(this.deps, input);
  approvedExport = (input: Input<typeof approvalExport.approvedExport>) =>
    approvalExport.approvedExport(this.deps, input);

  // Policy
  getPolicy = () => policy.getPolicy(this.deps);
  updatePolicy = (input: Input<typeof policy.updatePolicy>) => policy.updatePolicy(this.deps, input);
  setSimulatedFailure = (input: Input<typeof policy.setSimulatedFailure>) =>
    policy.setSimulatedFailure(this.deps, input);
  setFirmTwoFactor = (input: Input<typeof firm.setFirmTwoFactor>) => firm.setFirmTwoFactor(this.deps, input);
}
