import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Key/value settings (policy numbers, provider choice, firm-wide 2FA); values are JSON. */
@Entity({ name: 'settings' })
export class Setting {
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'text' }) value: string;
  @Column({ type: 'integer', name: 'updated_at' }) updatedAt: number;
}
