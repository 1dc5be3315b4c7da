import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { updateVersioned } from '../database/versioned-update';
import { insertReturning, WithQuery } from '../database/insert-returning';
import { DomainError, FieldError } from '../common/errors/domain-error';
import { expectedVersion } from '../common/http/etag';
import { decodeCursor, encodeCursor, paginate, Page, PageQueryDto } from '../common/pagination/pagination';
import { protectIdentifiers } from '../common/pii';
import { jaccard, textBigrams } from '../common/text/bigrams';
import { PiiService } from '../common/pii/pii.service';
import type { Principal } from '../common/principal';
import { toFen } from '../common/money';
import { Clock } from '../common/time/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import { TriageService } from '../triage/triage.service';
import { OutboxService } from '../webhooks/outbox.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { localDateOf } from '../deadlines/period';
import { Track, trackOfCategory } from '../triage/taxonomy';
import { policyFor } from '../mediation/tracks';
import { factsOf } from '../mediation/case-facts';
import { maxRiskLevel } from '../mediation/tracks/track-policy';
import { CalendarService } from '../deadlines/calendar.service';
import { assertTransition, invalidTransition, OPEN_STATUSES } from './case-status';
import { CaseEntity, Channel, RiskReason, TrackFacts } from './case.entity';
import { RedAlertEntity } from './red-alert.entity';
import { CasePartyEntity } from './case-party.entity';
import { CaseEvents } from './case-events';
import { ListCasesQueryDto, PartyInputDto, RegisterCaseDto, TriageDecisionDto } from './dto/case.dto';

const PARTNER_CHANNEL = { court: 'court', police: 'police', petition_bureau: 'petition', hotline: 'hotline', grid: 'grid' } as const;
/** These doors always come with the sender's own number (警情号, 案号, 信访件号, 工单号). */
const NEEDS_EXTERNAL_REF: readonly Channel[] = ['police', 'court', 'petition', 'hotline'];
const DESCRIPTION_SIMILARITY = 0.8;
const DUPLICATE_WINDOW_DAYS = 180;
/** Text search (list with q): the newest cases read in order before the bigram index is asked (see searchPage). */
const SEARCH_RECENT_ROWS = 4000;
/** …then the index, over this many days before them, then over everything older. */
const SEARCH_WINDOW_DAYS = 60;

export interface DuplicateCandidate {
  id: string;
  number: string;
  title: string;
  status: string;
  registeredAt: string;
  reasons: string[];
}

@Injectable()
export class CasesService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly pii: PiiService,
    private readonly triage: TriageService,
    private readonly outbox: OutboxService,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly calendars: CalendarService,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  // ---- registration ------------------------------------------------------------------------

  async register(m: EntityManager, principal: Principal, dto: RegisterCaseDto, ctx: AuditContext, options: { mediationClock?: string } = {}): Promise<{ entity: CaseEntity; parties: CasePartyEntity[] }> {
    const channel: Channel = principal.type === 'partner' ? PARTNER_CHANNEL[principal.kind] : (dto.channel ?? 'walk_in');
    const ruleErrors: FieldError[] = [];
    if (NEEDS_EXTERNAL_REF.includes(channel) && !dto.externalRef) ruleErrors.push({ field: 'externalRef', code: 'isNotEmpty', params: {} });
    if (!dto.parties.some((p) => p.role === 'applicant')) ruleErrors.push({ field: 'parties', code: 'applicantRequired', params: { message: '至少需要一名申请人' } });
    if (ruleErrors.length) throw new DomainError('CASE.INVALID_REGISTRATION', {}, ruleErrors);

    const now = this.clock.now();
    const today = localDateOf(now);
    const parties = this.buildParties(dto.parties, today);
    const unit = await this.units.cachedInScope(principal, dto.orgUnitId ?? principal.orgUnitId, m);
    if (!unit.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: unit.name });

    let possibleDuplicates: Array<{ id: string; number: string; reasons: string[] }> = [];
    if (!(principal.type === 'staff' && dto.registerAnyway)) {
      const candidates = await this.findDuplicates(m, principal, dto.description, parties);
      // At the window the clerk decides (register anyway or merge); a partner's registration is
      // never refused for this: it is stored, and the candidates travel with the suggestion to
      // the triage officer, who can merge.
      if (candidates.length && principal.type === 'staff') {
        throw new DomainError('CASE.POSSIBLE_DUPLICATE', { candidateCount: candidates.length }, [], {}, { duplicates: candidates });
      }
      possibleDuplicates = candidates.map((c) => ({ id: c.id, number: c.number, reasons: c.reasons }));
    }

    const { classification: suggestion, risk } = await this.triage.assess(dto, m);

    const id = randomUUID();
    const numbering = this.nextNumber(unit.code, Number(today.slice(0, 4)));
    const entity = m.create(CaseEntity, {
      id,
      number: numbering.value as unknown as string, // SQL: set by the insert below
      orgUnitId: unit.id,
      channel,
      externalRef: dto.externalRef ?? null,
      sourcePartnerId: principal.type === 'partner' ? principal.id : null,
      title: dto.title,
      description: dto.description,
      category: null,
      subcategory: null,
      track: null,
      amountFen: dto.amount ? toFen(dto.amount) : null,
      partyCount: dto.parties.length,
      riskLevel: risk.level,
      riskReasons: risk.reasons,
      suggestion: { category: suggestion.category, subcategory: suggestion.subcategory, track: suggestion.track, confidence: suggestion.confidence, matched: suggestion.matched, possibleDuplicates },
      status: 'registered',
      priorVisits: dto.priorVisits ?? 0,
      mediationClock: options.mediationClock ?? null,
      searchText: [dto.title, dto.description, ...dto.parties.map((p) => p.name)].join(' '),
      registeredById: principal.type === 'staff' ? principal.id : null,
      registeredAt: now,
    });
    // Every column of a party is given (its id too), so the rows written are these objects.
    const partyRows = parties.map((p, position) => m.create(CasePartyEntity, { ...p, id: randomUUID(), caseId: id, position }));
    // One statement: the number, the case (back as stored: defaults, version, dates) and its parties.
    const [saved] = await insertReturning(m, CaseEntity, [entity], { with: [numbering.query], also: [{ target: CasePartyEntity, rows: partyRows }] });
    const number = saved.number;
    await this.audit.record(m, ctx, {
      action: 'case.registered',
      subjectType: 'case',
      subjectId: id,
      orgUnitId: unit.id,
      after: { number, channel, externalRef: saved.externalRef, title: dto.title, riskLevel: risk.level, suggestion: entity.suggestion, parties: partyRows.map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumberMasked, mobile: p.mobileMasked })) },
    });
    if (risk.level === 'red') await this.raiseRedAlert(m, saved, unit, risk.reasons, this.triage.shouldNotifyPolice(risk), ctx);
    // The center's own target: every registered case is triaged within one working day.
    await this.deadlines.start(m, { caseId: id, orgUnitId: unit.id, kind: 'triage', startAt: now });
    await this.events.emit(m, {
      type: 'case.registered',
      kase: saved,
      // The partner that registered it has the answer already.
      actorPartnerId: principal.type === 'partner' ? principal.id : null,
      data: { channel, orgUnit: { code: unit.code, name: unit.name }, riskLevel: risk.level, registeredAt: now.toISOString() },
    });
    return { entity: saved, parties: partyRows };
  }

  /** Validates every identifier at once, so the clerk fixes the form in one round. */
  private buildParties(inputs: PartyInputDto[], today: string): Array<Partial<CasePartyEntity>> {
    const errors: FieldError[] = [];
    const rows = inputs.map((p, i) => {
      const checked = protectIdentifiers(this.pii, p, { path: `parties[${i}]`, context: 'case_party', today, defaultIdType: p.kind === 'organisation' ? 'credit_code' : 'resident_id' });
      errors.push(...checked.errors);
      return { role: p.role, kind: p.kind, name: p.name, vulnerable: p.vulnerable ?? [], ...checked.value } as Partial<CasePartyEntity>;
    });
    if (errors.length) throw new DomainError('CASE.INVALID_PARTY_DATA', {}, errors);
    return rows;
  }

  /**
   * Open cases in the caller's scope that look like the same dispute: the same applicant (by
   * ID or mobile blind index) against the same respondent (by ID or name), or a description
   * whose bigram Jaccard similarity is at least 0.8.
   */
  async findDuplicates(m: EntityManager, principal: Principal, description: string, parties: Array<Partial<CasePartyEntity>>): Promise<DuplicateCandidate[]> {
    const found = new Map<string, { row: CaseEntity; reasons: Set<string> }>();
    const note = (row: CaseEntity, reason: string) => {
      const entry = found.get(row.id) ?? { row, reasons: new Set<string>() };
      entry.reasons.add(reason);
      found.set(row.id, entry);
    };
    const scope = scopePattern(principal.orgUnitPath);
    const applicantKeys = parties.filter((p) => p.role === 'applicant').flatMap((p) => [p.idNumberIndex, p.mobileIndex]).filter((k): k is string => !!k);
    const respondents = parties.filter((p) => p.role === 'respondent');
    const respondentKeys = respondents.map((p) => p.idNumberIndex).filter((k): k is string => !!k);
    const respondentNames = respondents.map((p) => p.name!.replace(/\s+/g, ''));
    if (applicantKeys.length && (respondentKeys.length || respondentNames.length)) {
      const rows = await m
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .innerJoin('c.orgUnit', 'unit')
        .where('unit.path LIKE :scope', { scope })
        .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES })
        .andWhere(`EXISTS (SELECT 1 FROM case_parties a WHERE a.case_id = c.id AND a.role = 'applicant' AND (a.id_number_index IN (:...ak) OR a.mobile_index IN (:...ak)))`, { ak: applicantKeys })
        .andWhere(
          `EXISTS (SELECT 1 FROM case_parties r WHERE r.case_id = c.id AND r.role = 'respondent' AND (r.id_number_index IN (:...rk) OR regexp_replace(r.name, '\\s+', '', 'g') IN (:...rn)))`,
          { rk: respondentKeys.length ? respondentKeys : ['-'], rn: respondentNames.length ? respondentNames : ['-'] },
        )
        .orderBy('c.registeredAt', 'DESC')
        .limit(20)
        .getMany();
      rows.forEach((r) => note(r, 'same_parties'));
    }
    const mine = textBigrams(description);
    if (mine.size >= 4) {
      const since = new Date(this.clock.now().getTime() - DUPLICATE_WINDOW_DAYS * 86400_000);
      const rows: Array<CaseEntity & { inter: string; total: string }> = await m.query(
        `SELECT c.id, c.number, c.title, c.status, c.registered_at AS "registeredAt",
                (SELECT count(*) FROM unnest(tj_bigrams(c.description)) b WHERE b = ANY($3::text[])) AS inter,
                cardinality(tj_bigrams(c.description)) AS total
           FROM cases c JOIN org_units u ON u.id = c.org_unit_id
          WHERE u.path LIKE $1 AND c.status = ANY($2::text[]) AND c.registered_at > $4
            AND tj_bigrams(c.search_text) && $3::text[]
          ORDER BY c.registered_at DESC LIMIT 300`,
        [scope, OPEN_STATUSES, [...mine], since],
      );
      for (const r of rows) {
        if (jaccard(Number(r.inter), Number(r.total), mine.size) >= DESCRIPTION_SIMILARITY) note(r, 'similar_description');
      }
    }
    return [...found.values()].map(({ row, reasons }) => ({
      id: row.id,
      number: row.number,
      title: row.title,
      status: row.status,
      registeredAt: new Date(row.registeredAt).toISOString(),
      reasons: [...reasons],
    }));
  }

  /**
   * Gap-free per unit and year (see CaseNumberSequenceEntity): TJ-<unit>-<year>-<at least 6 digits>.
   * Allocated by the statement that inserts the case, as a WITH query whose result the row's
   * number reads: no round trip of its own, and it rolls back with the case.
   */
  private nextNumber(unitCode: string, year: number): { query: WithQuery; value: () => string } {
    return {
      query: {
        name: 'case_number',
        sql: (p) => `INSERT INTO case_number_sequences (unit_code, year, last_value) VALUES (${p(unitCode)}, ${p(year)}, 1)
          ON CONFLICT (unit_code, year) DO UPDATE SET last_value = case_number_sequences.last_value + 1
          RETURNING 'TJ-' || unit_code || '-' || year || '-' || lpad(last_value::text, greatest(6, length(last_value::text)), '0') AS number`,
      },
      value: () => '(SELECT number FROM case_number)',
    };
  }

  /**
   * 红色预警: the directors of the case's unit (or the nearest unit above that has one) hear at
   * once; for violence or self-harm every police station serving the area gets an alarm it must
   * acknowledge (吹哨报到), one red_alerts row per station.
   */
  private async raiseRedAlert(m: EntityManager, c: CaseEntity, unit: OrgUnitEntity, reasons: Array<{ description: string; level: string }>, policeNotice: boolean, ctx: AuditContext, raisedBy = '风险研判（登记）'): Promise<RedAlertEntity[]> {
    const directors = await this.notifications.directorsFor(m, unit.path);
    const red = reasons.filter((r) => r.level === 'red').map((r) => r.description);
    const why = red.join('；');
    await this.notifications.send(
      m,
      directors.map((d) => d.id),
      {
        kind: 'case.red_risk',
        title: `红色预警：${c.number} ${c.title}`,
        body: `${unit.name}的案件 ${c.number} 被评为红色风险：${why}。请立即研判处置${policeNotice ? '，并通报公安机关' : ''}。`,
        subjectType: 'case',
        subjectId: c.id,
      },
    );
    const stations = policeNotice ? await this.outbox.partnersCovering(m, unit, 'police') : [];
    const now = this.clock.now();
    const alerts: RedAlertEntity[] = [];
    for (const station of stations) {
      const alert = await m.save(RedAlertEntity, m.create(RedAlertEntity, { caseId: c.id, partnerId: station.id, reasons: red, raisedAt: now, raisedBy }));
      alerts.push(alert);
      await this.outbox.emit(m, station.id, {
        eventType: 'case.red_risk',
        subjectType: 'case',
        subjectId: c.id,
        payload: {
          alertId: alert.id, caseId: c.id, number: c.number, title: c.title, orgUnit: { code: unit.code, name: unit.name }, riskLevel: 'red', reasons: red,
          registeredAt: c.registeredAt.toISOString(), raisedAt: now.toISOString(), acknowledgeAt: `/v1/red-alerts/${alert.id}/acknowledgement`,
        },
      });
    }
    await this.audit.record(m, ctx, {
      action: 'case.red_risk_alert',
      subjectType: 'case',
      subjectId: c.id,
      orgUnitId: c.orgUnitId,
      after: { notified: directors.map((d) => d.displayName), reasons: why, raisedBy, policeNoticeRequired: policeNotice, policeNotified: stations.map((s) => s.name), alertIds: alerts.map((a) => a.id) },
    });
    return alerts;
  }

  /**
   * Triage or a mediator finds violence or self-harm threatened: the case turns red at once and
   * the police serving the area are alarmed (人民调解法 Art.25: 应当采取有针对性的预防措施；
   * 对有可能引起治安案件、刑事案件的纠纷，应当及时向当地公安机关报告).
   */
  async raiseRedRisk(principal: Principal, id: string, input: { threat: 'violence' | 'self_harm' | 'other'; reasons: string[] }, ctx: AuditContext): Promise<{ entity: CaseEntity; alerts: RedAlertEntity[] }> {
    if (principal.type !== 'staff' || !principal.roles.some((r) => r === 'director' || r === 'mediator' || r === 'intake_clerk')) {
      throw new DomainError('AUTH.FORBIDDEN', { actor: principal.type === 'staff' ? principal.displayName : principal.name });
    }
    return this.ds.transaction(async (m) => {
      const { entity: c } = await this.get(principal, id, m);
      if (!OPEN_STATUSES.includes(c.status)) throw invalidTransition(c.status, 'red_alert', '发出红色预警', OPEN_STATUSES);
      const added: RiskReason[] = input.reasons.map((description) => ({ code: `staff_${input.threat}`, level: 'red', description }));
      await m.update(CaseEntity, { id: c.id }, { riskLevel: 'red', riskReasons: [...c.riskReasons, ...added] });
      await this.audit.record(m, ctx, { action: 'case.risk_raised', subjectType: 'case', subjectId: c.id, orgUnitId: c.orgUnitId, before: { riskLevel: c.riskLevel }, after: { riskLevel: 'red', threat: input.threat, reasons: input.reasons } });
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
      const alerts = await this.raiseRedAlert(m, c, unit, added, input.threat !== 'other', ctx, principal.displayName);
      return { entity: await m.findOneByOrFail(CaseEntity, { id: c.id }), alerts };
    });
  }

  // ---- track facts and assessment ---------------------------------------------------------

  /** What the track's policy says about the case now (limitation days left move with the clock). */
  async trackAssessment(principal: Principal, id: string) {
    const { entity, parties } = await this.get(principal, id);
    const track = (entity.track ?? 'general') as Track;
    const policy = policyFor(track);
    const facts = factsOf(entity, parties);
    return { entity, track, label: policy.label, mediationDeadline: policy.mediationDeadline(facts), facts: entity.trackFacts ?? {}, assessment: policy.assess(facts, this.clock.now(), await this.calendars.calendar()) };
  }

  async updateTrackFacts(principal: Principal, id: string, facts: TrackFacts, ifMatch: string | undefined, ctx: AuditContext) {
    await this.ds.transaction(async (m) => {
      const { entity: c, parties } = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, c.version);
      if (!OPEN_STATUSES.includes(c.status)) throw invalidTransition(c.status, 'track_facts', '修改案情要素', OPEN_STATUSES);
      const trackFacts = { ...(c.trackFacts ?? {}), ...facts };
      await updateVersioned(m, CaseEntity, id, version, { trackFacts });
      await this.audit.record(m, ctx, { action: 'case.track_facts_updated', subjectType: 'case', subjectId: id, orgUnitId: c.orgUnitId, before: { ...(c.trackFacts ?? {}) }, after: { ...trackFacts } });
      await this.applyTrackRisk(m, await m.findOneByOrFail(CaseEntity, { id }), parties, ctx);
    });
    return this.trackAssessment(principal, id);
  }

  /**
   * The track may require more risk than triage saw (domestic violence is red; a collective labor
   * dispute orange). Risk only rises here; reaching red alerts the directors (and, for violence,
   * the police serving the area) exactly as registration does.
   */
  private async applyTrackRisk(m: EntityManager, c: CaseEntity, parties: CasePartyEntity[], ctx: AuditContext): Promise<void> {
    const track = (c.track ?? 'general') as Track;
    const assessment = policyFor(track).assess(factsOf(c, parties), this.clock.now(), await this.calendars.calendar(m));
    const level = maxRiskLevel(c.riskLevel, assessment.minimumRisk) ?? c.riskLevel;
    const known = new Set(c.riskReasons.map((r) => r.code));
    const added = assessment.riskReasons.filter((r) => !known.has(r.code));
    if (level === c.riskLevel && !added.length) return;
    await m.update(CaseEntity, { id: c.id }, { riskLevel: level, riskReasons: [...c.riskReasons, ...added], version: () => 'version' });
    await this.audit.record(m, ctx, { action: 'case.risk_raised', subjectType: 'case', subjectId: c.id, orgUnitId: c.orgUnitId, before: { riskLevel: c.riskLevel }, after: { riskLevel: level, reasons: added.map((r) => r.description) } });
    if (level === 'red' && c.riskLevel !== 'red') {
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
      await this.raiseRedAlert(m, c, unit, added, assessment.flags.includes('domestic_violence'), ctx, '专门调解路径评估');
    }
  }

  // ---- reading -----------------------------------------------------------------------------

  private visibleQuery(m: EntityManager, principal: Principal) {
    const qb = m.getRepository(CaseEntity).createQueryBuilder('c').innerJoin('c.orgUnit', 'unit').where('unit.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
    // A partner sees the cases it sent, not everything in its area.
    if (principal.type === 'partner') qb.andWhere('c.sourcePartnerId = :partnerId', { partnerId: principal.id });
    return qb;
  }

  async get(principal: Principal, id: string, m: EntityManager = this.ds.manager): Promise<{ entity: CaseEntity; parties: CasePartyEntity[] }> {
    const entity = await this.visibleQuery(m, principal).andWhere('c.id = :id', { id }).getOne();
    if (!entity) throw new DomainError('CASE.NOT_FOUND', { id });
    return { entity, parties: await m.findBy(CasePartyEntity, { caseId: id }) };
  }

  async list(principal: Principal, q: ListCasesQueryDto): Promise<Page<CaseEntity>> {
    const qb = this.visibleQuery(this.ds.manager, principal);
    if (q.status?.length) qb.andWhere('c.status IN (:...status)', { status: q.status });
    if (q.category) qb.andWhere('c.category = :category', { category: q.category });
    if (q.track) qb.andWhere('c.track = :track', { track: q.track });
    if (q.channel) qb.andWhere('c.channel = :channel', { channel: q.channel });
    if (q.riskLevel?.length) qb.andWhere('c.riskLevel IN (:...risk)', { risk: q.riskLevel });
    if (q.assigneeId) qb.andWhere('c.assigneeId = :assigneeId', { assigneeId: q.assigneeId });
    if (q.overdue !== undefined) qb.andWhere('c.overdue = :overdue', { overdue: q.overdue });
    if (q.registeredFrom) qb.andWhere('c.registeredAt >= :from', { from: new Date(q.registeredFrom) });
    if (q.registeredTo) qb.andWhere('c.registeredAt < :to', { to: new Date(q.registeredTo) });
    if (q.orgUnitId) {
      const unit = await this.units.getInScope(principal, q.orgUnitId);
      qb.andWhere('unit.path LIKE :sub', { sub: scopePattern(unit.path) });
    }
    if (q.q) {
      // The bigram containment uses the GIN index; the LIKE keeps only contiguous matches.
      const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return this.searchPage(qb, q, q.q, like);
    }
    return paginate(qb, { column: 'c.registeredAt', idColumn: 'c.id', key: (c) => c.registeredAt, direction: 'DESC' }, q);
  }

  /**
   * A text search: the cases whose search text contains `text` (ILIKE), found through the bigram
   * index (`tj_bigrams(search_text) @> tj_bigrams(text)`, which every such case satisfies), and
   * the same page as paginate() would return (newest first, limit + 1 rows after the cursor).
   *
   * Asked in one statement, the planner has to guess how many cases hold all of a word's bigrams;
   * it takes them as independent, underestimates common words by orders of magnitude and fetches
   * and sorts all their matches (拖欠工资 is in about one case in ten: 97,000 rows fetched, a
   * lossy bitmap re-running tj_bigrams on 190,000 more, 57 s at a million cases; 宅基地 1.3 s).
   * So the page is read in up to three slices of time, each holding only cases older than
   * the previous one's, so the rows found, in order, are exactly paginate()'s:
   *  1. the SEARCH_RECENT_ROWS newest cases, read in (registered_at, id) order with the LIKE
   *     alone: a common word has its page here. The bigram test is left out of this slice
   *     because the LIKE implies it: ILIKE compares lower() of both sides, and if lower(q) is a
   *     substring of lower(text), it still is once whitespace is removed from both, so every
   *     pair of adjacent characters of the one is a pair of the other (tj_bigrams is exactly
   *     that set); computing tj_bigrams costs ~0.2 ms a row, the LIKE ~3 µs;
   *  2. through the bigram index, the SEARCH_WINDOW_DAYS before those;
   *  3. through the bigram index, everything older (a rare word: few matches to fetch).
   */
  private async searchPage(qb: SelectQueryBuilder<CaseEntity>, page: PageQueryDto, text: string, like: string): Promise<Page<CaseEntity>> {
    const limit = page.limit ?? 50;
    const cursor = page.cursor ? decodeCursor(page.cursor) : null;
    if (cursor) qb.andWhere('(c.registeredAt, c.id) < (:cursorKey, :cursorId)', { cursorKey: cursor.k, cursorId: cursor.id });
    qb.setParameters({ q: text, like });
    const byIndex = 'tj_bigrams(c.search_text) @> tj_bigrams(:q) AND c.search_text ILIKE :like';
    const inOrder = 'c.search_text ILIKE :like';
    const found: CaseEntity[] = [];
    const slice = async (where: string, params: Record<string, unknown>) => {
      const rows = await qb.clone().andWhere(where, params).orderBy('c.registeredAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1 - found.length).getMany();
      found.push(...rows);
    };
    // The SEARCH_RECENT_ROWS-th newest case after the cursor, from the (registered_at, id) index alone.
    const [edge]: Array<{ at: Date; id: string }> = await this.ds.query(
      `SELECT registered_at AS at, id FROM cases ${cursor ? 'WHERE (registered_at, id) < ($1, $2)' : ''} ORDER BY registered_at DESC, id DESC OFFSET ${SEARCH_RECENT_ROWS - 1} LIMIT 1`,
      cursor ? [cursor.k, cursor.id] : [],
    );
    if (!edge) {
      await slice(byIndex, {});
    } else {
      await slice(`(c.registeredAt, c.id) >= (:edgeAt, :edgeId) AND ${inOrder}`, { edgeAt: edge.at, edgeId: edge.id });
      const windowStart = new Date(edge.at.getTime() - SEARCH_WINDOW_DAYS * 86400_000);
      if (found.length <= limit) await slice(`(c.registeredAt, c.id) < (:edgeAt, :edgeId) AND c.registeredAt >= :windowStart AND ${byIndex}`, { edgeAt: edge.at, edgeId: edge.id, windowStart });
      if (found.length <= limit) await slice(`c.registeredAt < :windowStart AND ${byIndex}`, { windowStart });
    }
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: found.length > limit && last ? encodeCursor(last.registeredAt, last.id) : null };
  }

  async unmask(principal: Principal, caseId: string, partyId: string, fields: Array<'idNumber' | 'mobile' | 'address'>, purpose: string, ctx: AuditContext) {
    return this.ds.transaction(async (m) => {
      const { entity, parties } = await this.get(principal, caseId, m);
      const party = parties.find((p) => p.id === partyId);
      if (!party) throw new DomainError('CASE.PARTY_NOT_FOUND', { id: partyId });
      const out: Record<string, string | null> = {};
      if (fields.includes('idNumber')) out.idNumber = party.idNumberEnc ? this.pii.decrypt(party.idNumberEnc, 'case_party.id_number') : null;
      if (fields.includes('mobile')) out.mobile = party.mobileEnc ? this.pii.decrypt(party.mobileEnc, 'case_party.mobile') : null;
      if (fields.includes('address')) out.address = party.addressEnc ? this.pii.decrypt(party.addressEnc, 'case_party.address') : null;
      // The audit row records who looked, at what and why — never the values themselves.
      await this.audit.record(m, ctx, { action: 'case.party_unmasked', subjectType: 'case', subjectId: entity.id, orgUnitId: entity.orgUnitId, after: { partyId, partyName: party.name, fields, purpose } });
      return { partyId, ...out };
    });
  }

  // ---- triage ------------------------------------------------------------------------------

  async decide(principal: Principal, id: string, dto: TriageDecisionDto, ifMatch: string | undefined, ctx: AuditContext): Promise<{ entity: CaseEntity; parties: CasePartyEntity[] }> {
    if (principal.type !== 'staff') throw new DomainError('AUTH.FORBIDDEN', { actor: principal.name });
    return this.ds.transaction(async (m) => {
      const { entity: c, parties } = await this.get(principal, id, m);
      const version = expectedVersion(ifMatch, c.version);
      assertTransition(dto.decision, c.status, principal);
      const missing = (field: string): never => {
        throw new DomainError('CASE.INVALID_DECISION', {}, [{ field, code: 'isNotEmpty', params: {} }]);
      };
      const now = this.clock.now();
      const decision: Record<string, unknown> = { decision: dto.decision, decidedById: principal.id, decidedBy: principal.displayName, decidedAt: now.toISOString() };
      const changes: Partial<CaseEntity> = {};
      const suggestion = c.suggestion as { category?: string; subcategory?: string | null } | null;
      switch (dto.decision) {
        case 'accept': {
          const category = dto.category ?? suggestion?.category ?? 'other';
          Object.assign(changes, { status: 'accepted', category, subcategory: dto.subcategory ?? (dto.category ? null : (suggestion?.subcategory ?? null)), track: trackOfCategory(category as never) });
          if (dto.orgUnitId && dto.orgUnitId !== c.orgUnitId) {
            const target = await this.units.getInScope(principal, dto.orgUnitId, m);
            if (!target.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: target.name });
            changes.orgUnitId = target.id;
            decision.toUnitId = target.id;
          }
          break;
        }
        case 'refer_out':
          if (!dto.referredTo) missing('referredTo');
          if (!dto.road) missing('road');
          Object.assign(changes, { status: 'referred_out' });
          Object.assign(decision, { referredTo: dto.referredTo, road: dto.road });
          break;
        case 'reject':
          if (!dto.reason) missing('reason');
          if (!dto.road) missing('road');
          Object.assign(changes, { status: 'rejected' });
          Object.assign(decision, { reason: dto.reason, road: dto.road });
          break;
        case 'merge': {
          if (!dto.mergeIntoCaseId) missing('mergeIntoCaseId');
          if (dto.mergeIntoCaseId === c.id) throw new DomainError('CASE.INVALID_DECISION', {}, [{ field: 'mergeIntoCaseId', code: 'self', params: { message: '不能合并到自身' } }]);
          const target = (await this.get(principal, dto.mergeIntoCaseId!, m)).entity;
          if (!OPEN_STATUSES.includes(target.status)) throw new DomainError('CASE.INVALID_DECISION', {}, [{ field: 'mergeIntoCaseId', code: 'notOpen', params: { message: '目标案件已办结，不能合并' } }]);
          Object.assign(changes, { status: 'merged', mergedIntoId: target.id });
          Object.assign(decision, { mergedIntoNumber: target.number });
          break;
        }
        case 'escalate': {
          const unit = await m.findOneByOrFail(OrgUnitEntity, { id: c.orgUnitId });
          if (!unit.parentId) throw new DomainError('CASE.NO_HIGHER_UNIT');
          Object.assign(changes, { orgUnitId: unit.parentId });
          Object.assign(decision, { reason: dto.reason ?? null, fromUnitId: unit.id, toUnitId: unit.parentId });
          break;
        }
      }
      changes.decision = decision;
      if (dto.decision === 'accept' && dto.trackFacts) changes.trackFacts = { ...dto.trackFacts };
      await updateVersioned(m, CaseEntity, id, version, changes);
      // Any triage decision answers the triage target; the case's clocks follow it to its new unit.
      await this.deadlines.meet(m, c.id, ['triage']);
      if (changes.orgUnitId && changes.orgUnitId !== c.orgUnitId) await this.deadlines.moveCase(m, c.id, changes.orgUnitId);
      if (dto.decision === 'accept') {
        // The track's clock starts at acceptance (人民调解: 受理之日, P1); labor mediation counts from
        // the body's receipt of the application (劳动争议调解仲裁法 Art.14), i.e. registration. A
        // court's clock starts instead when the mediator signs for the court's materials.
        const accepted = await m.findOneByOrFail(CaseEntity, { id });
        const track = (accepted.track ?? 'general') as Track;
        if (!accepted.mediationClock) {
          const kind = policyFor(track).mediationDeadline(factsOf(accepted, parties));
          await this.deadlines.start(m, { caseId: id, orgUnitId: accepted.orgUnitId, kind, startAt: track === 'labor' ? c.registeredAt : now });
        }
        await this.applyTrackRisk(m, accepted, parties, ctx);
      }
      await this.audit.record(m, ctx, {
        action: `case.triage.${dto.decision}`,
        subjectType: 'case',
        subjectId: c.id,
        orgUnitId: changes.orgUnitId ?? c.orgUnitId,
        before: { status: c.status, orgUnitId: c.orgUnitId, category: c.category, track: c.track },
        after: { status: changes.status ?? c.status, orgUnitId: changes.orgUnitId ?? c.orgUnitId, category: changes.category ?? c.category, track: changes.track ?? c.track, decision },
      });
      const entity = await m.findOneByOrFail(CaseEntity, { id });
      const unit = await m.findOneByOrFail(OrgUnitEntity, { id: entity.orgUnitId });
      await this.events.emit(m, {
        type: 'case.triaged',
        kase: entity,
        data: {
          decision: dto.decision, category: entity.category, track: entity.track, orgUnit: { code: unit.code, name: unit.name },
          referredTo: dto.decision === 'refer_out' ? dto.referredTo : undefined, road: dto.road, decidedAt: now.toISOString(),
        },
      });
      // After escalation the case may have left the caller's scope; they still get the answer.
      return { entity, parties };
    });
  }
}
