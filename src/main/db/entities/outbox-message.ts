import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An SMS the simulated provider "delivered": the simulated handset's inbox. */
@Entity({ name: 'simulated_outbox' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'text' }) phone: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text', name: 'session_id', nullable: true }) sessionId: string | null;
  @Column({ type: 'integer', name: 'sent_at' }) sentAt: number;
}
