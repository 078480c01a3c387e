import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One single-use backup code, hashed; `generation` groups a set so a new set voids the old. */
@Entity({ name: 'backup_codes' })
export class BackupCode {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'integer', name: 'user_id' }) userId: number;
  @Column({ type: 'integer' }) generation: number;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text', name: 'code_hash' }) codeHash: string;
  @Column({ type: 'integer', name: 'created_at' }) createdAt: number;
  @Column({ type: 'integer', name: 'used_at', nullable: true }) usedAt: number | null;
  @Column({ type: 'integer', name: 'voided_at', nullable: true }) voidedAt: number | null;
}
