import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who may be assigned a legal aid case (Legal Aid Law arts. 12–13, 16): the center's lawyers, and lawyers and grassroots legal workers of the firms that take its cases. */
export const LAWYER_KINDS = {
  center: '法律援助机构律师',
  firm: '律师事务所律师',
  grassroots: '基层法律服务工作者',
} as const;
export type LawyerKind = keyof typeof LAWYER_KINDS;

/** One entry of a legal aid center's roster (律师名册); cases are assigned from it with their load in view. */
@Entity('aid_lawyers')
export class AidLawyer {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: LawyerKind;
  /** The law firm or legal service office (律师事务所 / 法律服务所); none for the center's own lawyers. */
  @Column({ name: 'firm_name', type: 'text', nullable: true }) firmName: string | null;
  /** 执业证号: a lawyer's practising certificate (17 digits), as it is registered with the justice bureau. */
  @Column({ name: 'license_number', type: 'text', nullable: true }) licenseNumber: string | null;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
