import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DeadlineEffectsService } from '../deadlines/deadline-effects.service';
import { NotificationsService } from '../notifications/notifications.service';
import { SmsService } from '../notifications/sms/sms.service';
import { PiiService } from '../common/pii/pii.service';
import { CasePartyEntity } from './case-party.entity';

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
    private readonly sms: SmsService,
    private readonly pii: PiiService,
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
          `当事人可以依法申请仲裁。已向留有手机号的当事人发送短信告知；请另行书面告知其他当事人，并提示劳动争议申请仲裁的时效期间为一年（第二十七条）。`,
        subjectType: 'case',
        subjectId: kase.id,
      });
      // Every party is told (a worker and an employer alike may apply), each by text where a
      // number is on file; the texts are kept with their delivery status as evidence of service.
      const parties = await m.findBy(CasePartyEntity, { caseId: kase.id });
      let texted = 0;
      for (const p of parties.filter((x) => x.mobileEnc)) {
        await this.sms.send(m, {
          caseId: kase.id,
          partyId: p.id,
          orgUnitId: kase.orgUnitId,
          mobile: this.pii.decrypt(p.mobileEnc!, 'case_party.mobile'),
          template: 'labor_arbitration_eligible',
          params: { caseNumber: kase.number, unitName: unit?.name ?? '调解中心' },
        });
        texted++;
      }
      await this.audit.record(m, { actor: 'system' }, {
        action: 'case.arbitration_eligible',
        subjectType: 'case',
        subjectId: kase.id,
        orgUnitId: kase.orgUnitId,
        after: { deadlineId: deadline.id, basis: '劳动争议调解仲裁法 第十四条第三款', road: 'labor_arbitration', partiesTexted: texted, partiesWithoutMobile: parties.length - texted },
      });
    });
  }
}
