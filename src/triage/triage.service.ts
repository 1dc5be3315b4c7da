import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { toFen } from '../common/money';
import { AfterCommit } from '../database/after-commit';
import { ReferenceCache } from '../database/reference-cache';
import { assessRisk } from './risk';
import { classify } from './classify';
import { DEFAULT_RULES, TriageRuleSet, validateRules } from './rules';
import { TriageRuleSetEntity } from './triage-rule-set.entity';
import { shouldNotifyPolice } from './risk';

export type TriageRules = TriageRuleSet;

export interface AssessInput {
  title: string;
  description: string;
  parties: Array<{ role: 'applicant' | 'respondent' | 'third_party' | 'agent'; vulnerable?: string[] }>;
  /** Yuan, decimal string. */
  amount?: string;
  priorVisits?: number;
  priorFailedMediation?: boolean;
}

/** How long another process may go on using the rules after an edit made through this one. */
export const TRIAGE_RULES_CACHE_TTL_MS = 2000;

/** The rules in force (the newest saved version, else the defaults) and the pure policies over them. */
@Injectable()
export class TriageService {
  readonly shouldNotifyPolice = shouldNotifyPolice;
  private readonly cache: ReferenceCache<{ version: number; rules: TriageRules }>;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    afterCommit: AfterCommit,
  ) {
    this.cache = new ReferenceCache('triage-rules', TRIAGE_RULES_CACHE_TTL_MS, afterCommit, async (m) => {
      const row = await m.getRepository(TriageRuleSetEntity).createQueryBuilder('r').orderBy('r.version', 'DESC').limit(1).getOne();
      return row ? { version: row.version, rules: row.rules as TriageRules } : { version: 0, rules: DEFAULT_RULES };
    });
  }

  /**
   * The rule set in force and its version (0 = the built-in defaults), kept in memory (every
   * registration reads it): an edit through this process applies from the next request on, one
   * through another process within TRIAGE_RULES_CACHE_TTL_MS.
   */
  async current(m: EntityManager = this.ds.manager): Promise<{ version: number; rules: TriageRules }> {
    return this.cache.get(m);
  }

  /** What registration stores and the desk preview shows: the suggested category and the risk, under the current rules. */
  async assess(input: AssessInput, m: EntityManager = this.ds.manager) {
    const { rules } = await this.current(m);
    const classification = classify({ title: input.title, description: input.description }, rules);
    const risk = assessRisk(
      {
        title: input.title,
        description: input.description,
        parties: input.parties.map((p) => ({ side: p.role, vulnerable: p.vulnerable ?? [] })),
        amountFen: input.amount ? Number(toFen(input.amount)) : null,
        priorVisits: input.priorVisits ?? 0,
        priorFailedMediation: input.priorFailedMediation ?? false,
        category: classification.category,
      },
      rules,
    );
    return { classification, risk };
  }

  /** Saves a new version; `expectedVersion` stops two admins from overwriting each other's edits. */
  async replace(input: unknown, expectedVersion: number, actorId: string, ctx: AuditContext, orgUnitId: string): Promise<{ version: number; rules: TriageRules }> {
    const checked = validateRules(input);
    if (!checked.ok) {
      throw new DomainError('TRIAGE.INVALID_RULES', {}, checked.errors.map((e) => ({ field: e.path, code: 'invalidRule', params: { message: e.message } })));
    }
    return this.ds.transaction(async (m) => {
      this.cache.changed(m);
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
