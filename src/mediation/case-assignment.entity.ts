import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who mediates a case, over time. A reassignment ends the current row and opens a new one, so
 * the history stays (who handled the case when, and why it changed hands).
 */
@Entity('case_assignments')
@Check('case_assignments_role_check', `role IN ('lead', 'co')`)
@Index(['caseId', 'assignedAt'])
@Index('case_assignments_current', ['mediatorId'], { where: 'ended_at IS NULL' })
export class CaseAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  mediatorId: string;

  @Column({ type: 'varchar', length: 4 })
  role: 'lead' | 'co';

  /** manual (the director chose), auto (by specialty and load), party_request (a party asked for another mediator). */
  @Column({ type: 'varchar', length: 16 })
  how: 'manual' | 'auto' | 'party_request';

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid' })
  assignedById: string;

  @Column({ type: 'timestamptz', precision: 3 })
  assignedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;
}
