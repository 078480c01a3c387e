import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'administrator' | 'employee' | 'technician';
export type UserStatus = 'active' | 'deactivated';
export type TwoFactorState = 'enabled' | 'disabled_until' | 'disabled_permanently' | 'not_enrolled';

/** A member of staff, their enrolment and every policy counter that governs their sign-in. */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'text' }) status: UserStatus;

  @Column({ type: 'text', name: 'phone_e164', nullable: true }) phoneE164: string | null;
  @Column({ type: 'text', name: 'phone_country', nullable: true }) phoneCountry: string | null;
  @Column({ type: 'text', name: 'phone_type', nullable: true }) phoneType: string | null;
  @Column({ type: 'text', name: 'phone_carrier', nullable: true }) phoneCarrier: string | null;
  @Column({ type: 'integer', name: 'phone_looked_up_at', nullable: true }) phoneLookedUpAt: number | null;

  @Column({ type: 'text', name: 'two_factor' }) twoFactor: TwoFactorState;
  @Column({ type: 'integer', name: 'two_factor_disabled_until', nullable: true })
  twoFactorDisabledUntil: number | null;

  /** Failed checks since the last success or cooldown: 5 starts the cooldown. */
  @Column({ type: 'integer', name: 'failed_checks' }) failedChecks: number;
  /** Consecutive failed checks since the last success, across cooldowns: 10 locks. */
  @Column({ type: 'integer', name: 'consecutive_failures' }) consecutiveFailures: number;
  /** Codes sent since the last successful check: more than 5 starts the cooldown. */
  @Column({ type: 'integer', name: 'sends_without_success' }) sendsWithoutSuccess: number;
  @Column({ type: 'integer', name: 'last_send_at', nullable: true }) lastSendAt: number | null;
  @Column({ type: 'integer', name: 'cooldown_until', nullable: true }) cooldownUntil: number | null;
  @Column({ type: 'integer', name: 'locked_at', nullable: true }) lockedAt: number | null;
  @Column({ type: 'text', name: 'lock_reason', nullable: true }) lockReason: string | null;
  @Column({ type: 'integer', name: 'not_my_number_at', nullable: true }) notMyNumberAt: number | null;
  @Column({ type: 'integer', name: 'last_sign_in_at', nullable: true }) lastSignInAt: number | null;

  @Column({ type: 'integer', name: 'created_at' }) createdAt: number;
  @Column({ type: 'integer', name: 'updated_at' }) updatedAt: number;
}
