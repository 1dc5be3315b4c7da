import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DeadlineEffectsService } from '../deadlines/deadline-effects.service';
import { NotificationsService } from '../notifications/notifications.service';

/**
 * What the law attaches to a limit running out, beyond "it is overdue". Registered with the
 * deadline engine, run inside the miss's transaction.
 */
@Injectable()
export class CaseConsequences implements OnModuleInit {
  constructor(
    private readonly effects: DeadlineEffectsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // 劳动争议调解仲裁法 Art.14 ¶3: no agreement within 15 days of receipt → either party may apply
    // for arbitration. The mediation does not have to stop, but the parties must know the road is
    // open, because the one-year arbitration limitation (Art.27) keeps running.
    this.effects.onMiss('labor_mediation', async (m, { deadline, kase, unit }) => {
      if (!kase) return;
      const directors = unit ? await this.notifications.directorsFor(m, unit.path) : [];
      await this.notifications.send(m, [kase.assigneeId, ...directors.map((d) => d.id)], {
        kind: 'case.arbitration_eligible',
        title: `可申请劳动仲裁：${kase.number} ${kase.title}`,
        body:
          `案件 ${kase.number} 自收到调解申请之日起十五日内未达成调解协议。依照《劳动争议调解仲裁法》第十四条第三款，` +
          `当事人可以依法申请仲裁。请及时书面告知各方当事人，并提示劳动争议申请仲裁的时效期间为一年（第二十七条）。`,
        subjectType: 'case',
        subjectId: kase.id,
      });
      await this.audit.record(m, { actor: 'system' }, {
        action: 'case.arbitration_eligible',
        subjectType: 'case',
        subjectId: kase.id,
        orgUnitId: kase.orgUnitId,
        after: { deadlineId: deadline.id, basis: '劳动争议调解仲裁法 第十四条第三款', road: 'labor_arbitration' },
      });
    });
  }
}
