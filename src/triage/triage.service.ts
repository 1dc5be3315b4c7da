import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { assessRisk } from './risk';
import { classify } from './classify';
import { DEFAULT_RULES, TriageRuleSet, validateRules } from './rules';
import { TriageRuleSetEntity } from './triage-rule-set.entity';
import { shouldNotifyPolice } from './risk';

export type TriageRules = TriageRuleSet;

/** The rules in force (the newest saved version, else the defaults) and the pure policies over them. */
@Injectable()
export class TriageService {
  readonly classify = classify;
  readonly assessRisk = assessRisk;
  readonly shouldNotifyPolice = shouldNotifyPolice;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async currentRules(m: EntityManager = this.ds.manager): Promise<TriageRules> {
    const row = await m.getRepository(TriageRuleSetEntity).createQueryBuilder('r').orderBy('r.version', 'DESC').limit(1).getOne();
    return row ? (row.rules as TriageRules) : DEFAULT_RULES;
  }

  async currentVersion(): Promise<number> {
    const row = await this.ds.getRepository(TriageRuleSetEntity).createQueryBuilder('r').orderBy('r.version', 'DESC').limit(1).getOne();
    return row?.version ?? 0;
  }

  /** Saves a new version; `expectedVersion` stops two admins from overwriting each other's edits. */
  async replace(input: unknown, expectedVersion: number, actorId: string, ctx: AuditContext, orgUnitId: string): Promise<{ version: number; rules: TriageRules }> {
    const checked = validateRules(input);
    if (!checked.ok) {
      throw new DomainError('TRIAGE.INVALID_RULES', {}, checked.errors.map((e) => ({ field: e.path, code: 'invalidRule', params: { message: e.message } })));
    }
    return this.ds.transaction(async (m) => {
      const current = await m.getRepository(TriageRuleSetEntity).createQueryBuilder('r').setLock('pessimistic_write').orderBy('r.version', 'DESC').limit(1).getOne();
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== expectedVersion) throw new DomainError('REQUEST.PRECONDITION_FAILED', { current: `"${currentVersion}"` });
      const version = currentVersion + 1;
      // A concurrent first save on an empty table has no row to lock; the primary key catches it.
      await m.insert(TriageRuleSetEntity, { version, rules: checked.rules as unknown as TriageRuleSetEntity['rules'], createdById: actorId }).catch((e: { code?: string }) => {
        if (e.code === '23505') throw new DomainError('REQUEST.PRECONDITION_FAILED', { current: `"${version}"` });
        throw e;
      });
      await this.audit.record(m, ctx, {
        action: 'triage.rules_replaced',
        subjectType: 'triage_rules',
        subjectId: null,
        orgUnitId,
        after: { version, classificationRules: checked.rules.classification.length, riskRules: checked.rules.risk.length },
      });
      return { version, rules: checked.rules as TriageRules };
    });
  }
}
