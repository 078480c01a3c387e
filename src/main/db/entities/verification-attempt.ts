import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AttemptKind = 'send' | 'check' | 'backup_code' | 'trusted_device';

/** Every send and check, with its outcome: the raw history behind the counters. */
@Entity({ name: 'verification_attempts' })
export class VerificationAttempt {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'text', name: 'session_id', nullable: true }) sessionId: string | null;
  @Column({ type: 'integer', name: 'user_id' }) userId: number;
  @Column({ type: 'text' }) kind: AttemptKind;
  @Column({ type: 'text' }) outcome: string;
  @Column({ type: 'integer', name: 'occurred_at' }) occurredAt: number;
}
