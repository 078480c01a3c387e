import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only event log. User fields are copied onto the event so an exported
 * log explains itself offline and a later rename does not rewrite history.
 */
@Entity({ name: 'events' })
export class MfaEvent {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer', name: 'occurred_at' }) occurredAt: number;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'integer', name: 'user_id', nullable: true }) userId: number | null;
  @Column({ type: 'text', name: 'user_name', nullable: true }) userName: string | null;
  @Column({ type: 'text', name: 'user_email', nullable: true }) userEmail: string | null;
  @Column({ type: 'text', name: 'user_role', nullable: true }) userRole: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) country: string | null;
  @Column({ type: 'text', nullable: true }) carrier: string | null;
  @Column({ type: 'text', nullable: true }) provider: string | null;
  @Column({ type: 'text', name: 'provider_code', nullable: true }) providerCode: string | null;
  @Column({ type: 'text', nullable: true }) message: string | null;
  @Column({ type: 'text', nullable: true }) actor: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text', name: 'session_id', nullable: true }) sessionId: string | null;
  @Column({ type: 'text', nullable: true }) details: string | null;
}
