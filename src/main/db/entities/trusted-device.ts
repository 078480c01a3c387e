import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** "Remember this device for 30 days": the device token is stored hashed. */
@Entity({ name: 'trusted_devices' })
export class TrustedDevice {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer', name: 'user_id' }) userId: number;
  @Column({ type: 'text', name: 'token_hash' }) tokenHash: string;
  @Column({ type: 'text' }) label: string;
  @Column({ type: 'integer', name: 'created_at' }) createdAt: number;
  @Column({ type: 'integer', name: 'expires_at' }) expiresAt: number;
  @Column({ type: 'integer', name: 'last_used_at', nullable: true }) lastUsedAt: number | null;
  @Column({ type: 'integer', name: 'revoked_at', nullable: true }) revokedAt: number | null;
}
