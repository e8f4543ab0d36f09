import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@yuanlian/auth';
import type { AgencyType } from '@yuanlian/contracts';

/** A person who signs in to the portal: one office (agency type + area), one or more roles. */
@Entity('users')
export class PortalUser {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) username: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ name: 'agency_type', type: 'text' }) agencyType: AgencyType;
  @Column({ name: 'division_code', type: 'text' }) divisionCode: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'password_changed_at', type: 'timestamptz' }) passwordChangedAt: Date;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  /** Tokens issued before this time are refused everywhere (set on deactivation, a role or a password change). */
  @Column({ name: 'sessions_valid_after', type: 'timestamptz', nullable: true }) sessionsValidAfter: Date | null;
}
