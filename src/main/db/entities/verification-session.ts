import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SessionPurpose = 'sign_in' | 'caller_check';
export type SessionStatus = 'pending' | 'verified' | 'expired' | 'ended' | 'not_my_number';

/** One SMS sign-in (or a helpdesk's caller check): the current code lives here, hashed. */
@Entity({ name: 'verification_sessions' })
export class VerificationSession {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'integer', name: 'user_id' }) userId: number;
  @Column({ type: 'text' }) purpose: SessionPurpose;
  @Column({ type: 'text' }) status: SessionStatus;
  @Column({ type: 'text' }) provider: string;
  @Column({ type: 'text', name: 'provider_ref', nullable: true }) providerRef: string | null;
  @Column({ type: 'text', name: 'code_hash', nullable: true }) codeHash: string | null;
  @Column({ type: 'integer', name: 'code_sent_at', nullable: true }) codeSentAt: number | null;
  @Column({ type: 'integer', name: 'code_expires_at', nullable: true }) codeExpiresAt: number | null;
  @Column({ type: 'text', nullable: true }) actor: string | null;
  @Column({ type: 'integer', name: 'created_at' }) createdAt: number;
  @Column({ type: 'integer', name: 'expires_at' }) expiresAt: number;
  @Column({ type: 'integer', name: 'verified_at', nullable: true }) verifiedAt: number | null;
}
