import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { DomainError, FieldError } from '../common/errors/domain-error';
import { paginate, Page } from '../common/pagination/pagination';
import { protectIdentifiers, ProtectedIdentifiers } from '../common/pii';
import { PiiService } from '../common/pii/pii.service';
import type { StaffPrincipal } from '../common/principal';
import { Clock } from '../common/time/clock';
import { CalendarService } from '../deadlines/calendar.service';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { localDateOf, startOfLocalDay } from '../deadlines/period';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { OrgUnitsService, scopePattern } from '../org-units/org-units.service';
import type { ListPetitionsQueryDto, PetitionView, RegisterPetitionDto } from './dto/petition.dto';
import { PetitionEntity, RepeatMatch, RepeatRuleRecord } from './petition.entity';
import { PetitionerEntity } from './petitioner.entity';
import { jaccard, MAX_GROUP_REPRESENTATIVES, requestWindow, SAME_MATTER_SIMILARITY, sameOrgan, selectRepeatRule, textBigrams } from './petition-rules';
import { OPEN_PETITION_STATUSES, REPEAT_BASIS_STATUSES } from './petition-status';

/** The encryption context of petitioners' identifiers (`petitioner.id_number`, `.mobile`, `.address`). */
export const PETITIONER_PII_CONTEXT = 'petitioner';

/** What the officer is shown about the petitioner in audit rows: masked, never the values. */
export const maskedPetitioners = (rows: Array<Pick<PetitionerEntity, 'name' | 'idNumberMasked' | 'mobileMasked'>>) =>
  rows.map((p) => ({ name: p.name, idNumber: p.idNumberMasked, mobile: p.mobileMasked }));

@Injectable()
export class PetitionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
    private readonly pii: PiiService,
    private readonly cases: CasesService,
    private readonly deadlines: DeadlinesService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  // ---- registration ------------------------------------------------------------------------

  /**
   * 登记 (信访工作条例 Art.21): the petition, its petitioners (identifiers checked, encrypted,
   * blind-indexed, masked), a number, and the 15-day clock to route it from the day it was received
   * (X1). A repeat of an accepted, in-progress or final matter of the same petitioner is found
   * here: a final one is refused unless the officer records new facts or reasons (Art.36 ¶3);
   * the others are registered and flagged with the rule that governs them.
   */
  async register(principal: StaffPrincipal, dto: RegisterPetitionDto, ctx: AuditContext): Promise<string> {
    return this.ds.transaction(async (m) => {
      const now = this.clock.now();
      const today = localDateOf(now);
      const errors: FieldError[] = [];
      if (dto.receivedOn > today) errors.push({ field: 'receivedOn', code: 'notInFuture', params: { message: '收到日期不能晚于今天' } });
      if (dto.groupVisit && dto.form !== 'visit') errors.push({ field: 'groupVisit', code: 'visitOnly', params: { message: '集体访只适用于来访' } });
      if (dto.groupVisit && dto.petitioners.length > MAX_GROUP_REPRESENTATIVES) {
        errors.push({ field: 'petitioners', code: 'representativesMax', params: { message: `多人走访应当推选代表，代表人数不超过 ${MAX_GROUP_REPRESENTATIVES} 人（信访工作条例第二十条），本次登记 ${dto.petitioners.length} 人` } });
      }
      if (dto.headcount !== undefined && !dto.groupVisit) errors.push({ field: 'headcount', code: 'groupVisitOnly', params: { message: '来访人数只用于集体访' } });
      if (dto.headcount !== undefined && dto.headcount < dto.petitioners.length) errors.push({ field: 'headcount', code: 'belowRepresentatives', params: { message: '来访人数不能少于代表人数' } });
      if (dto.concernedOrgUnitId && !(await m.findOneBy(OrgUnitEntity, { id: dto.concernedOrgUnitId }))) {
        errors.push({ field: 'concernedOrgUnitId', code: 'unknownUnit', params: { message: '单位不存在' } });
      }
      if (errors.length) throw new DomainError('PETITION.INVALID_REGISTRATION', {}, errors);

      const petitioners = this.protect(dto, today);
      const unit = await this.units.getInScope(principal, dto.orgUnitId ?? principal.orgUnitId, m);
      if (!unit.active) throw new DomainError('ORG_UNIT.INACTIVE', { name: unit.name });
      if (dto.caseId) await this.cases.get(principal, dto.caseId, m);

      const repeatOf = await this.findRepeats(m, unit, petitioners, dto);
      const rule = selectRepeatRule(repeatOf.map((r) => ({ number: r.number, status: r.status, higherOrgan: r.higherOrgan })));
      if (rule?.refuse && !dto.newFactsOrReasons) {
        throw new DomainError('PETITION.FINAL_NOT_ACCEPTED', { earlierNumber: rule.earlierNumber, basis: rule.basis }, [], {}, { rule: { code: rule.code, basis: rule.basis, guidance: rule.guidance }, repeatOf });
      }
      const repeatRule: RepeatRuleRecord | null = rule
        ? { code: rule.code, refused: false, basis: rule.basis, earlierNumber: rule.earlierNumber, guidance: rule.guidance, ...(rule.refuse ? { newFactsOrReasons: dto.newFactsOrReasons } : {}) }
        : null;

      const id = randomUUID();
      const number = await this.nextNumber(m, unit.code, Number(today.slice(0, 4)));
      await m.insert(PetitionEntity, {
        id, number, orgUnitId: unit.id, form: dto.form, title: dto.title, content: dto.content, concernedOrgan: dto.concernedOrgan, concernedOrgUnitId: dto.concernedOrgUnitId ?? null,
        receivedOn: dto.receivedOn, groupVisit: dto.groupVisit ?? false, headcount: dto.headcount ?? null, petitionerCount: petitioners.length, category: null, status: 'received',
        caseId: dto.caseId ?? null, repeat: repeatOf.length > 0, repeatOf, repeatRule, officerId: principal.id, leaderId: null, overdue: false,
        searchText: [dto.title, dto.content, dto.concernedOrgan, ...dto.petitioners.map((p) => p.name)].join(' '),
        registeredById: principal.id, registeredAt: now,
      });
      const rows = petitioners.map((p, position) => m.create(PetitionerEntity, { ...p, petitionId: id, position }));
      await m.insert(PetitionerEntity, rows);
      // X1: 15 days from receipt, whatever day the officer gets to typing it in.
      const routing = await this.deadlines.start(m, { petitionId: id, orgUnitId: unit.id, kind: 'petition_routing', startAt: startOfLocalDay(dto.receivedOn) });
      await this.audit.record(m, ctx, {
        action: 'petition.registered', subjectType: 'petition', subjectId: id, orgUnitId: unit.id,
        after: {
          number, form: dto.form, receivedOn: dto.receivedOn, title: dto.title, concernedOrgan: dto.concernedOrgan, groupVisit: dto.groupVisit ?? false, headcount: dto.headcount ?? null,
          petitioners: maskedPetitioners(rows), caseId: dto.caseId ?? null, routingDueAt: routing.dueAt.toISOString(),
          repeatOf: repeatOf.map((r) => r.number), repeatRule: repeatRule?.code ?? null,
        },
      });
      if (rule?.refuse) {
        // Registered against Art.36 ¶3 on the officer's word that the facts or reasons are new.
        await this.audit.record(m, ctx, {
          action: 'petition.final_matter_reopened', subjectType: 'petition', subjectId: id, orgUnitId: unit.id,
          after: { earlierNumber: rule.earlierNumber, basis: rule.basis, newFactsOrReasons: dto.newFactsOrReasons },
        });
      }
      return id;
    });
  }

  private protect(dto: RegisterPetitionDto, today: string): Array<ProtectedIdentifiers & { name: string }> {
    const errors: FieldError[] = [];
    const rows = dto.petitioners.map((p, i) => {
      const r = protectIdentifiers(this.pii, p, { path: `petitioners[${i}]`, context: PETITIONER_PII_CONTEXT, today, defaultIdType: 'resident_id' });
      errors.push(...r.errors);
      return { ...r.value, name: p.name };
    });
    if (errors.length) throw new DomainError('PETITION.INVALID_PETITIONER_DATA', {}, errors);
    return rows;
  }

  /**
   * Earlier petitions of the same petitioner (ID number or mobile, by blind index) about the same
   * matter (the same organ, and contents whose bigram similarity reaches SAME_MATTER_SIMILARITY),
   * accepted, in progress or final. The whole deployment is searched, not only the caller's
   * subtree: a matter final after 复核 is not accepted again anywhere (Art.36 ¶3), and a higher
   * organ must know it is higher (Art.19 ¶3). Only numbers, statuses and unit names come back.
   */
  private async findRepeats(m: EntityManager, unit: OrgUnitEntity, petitioners: ProtectedIdentifiers[], dto: RegisterPetitionDto): Promise<RepeatMatch[]> {
    const keys = petitioners.flatMap((p) => [p.idNumberIndex, p.mobileIndex]).filter((k): k is string => !!k);
    if (!keys.length) return [];
    const mine = textBigrams(dto.content);
    // The bigram overlap is counted in the database (tj_bigrams), as CasesService.findDuplicates does.
    const rows: Array<{ id: string; number: string; status: PetitionEntity['status']; concernedOrgan: string; concernedOrgUnitId: string | null; unitName: string; unitPath: string; inter: string; total: string }> = await m.query(
      `SELECT p.id, p.number, p.status, p.concerned_organ AS "concernedOrgan", p.concerned_org_unit_id AS "concernedOrgUnitId",
              u.name AS "unitName", u.path AS "unitPath",
              (SELECT count(*) FROM unnest(tj_bigrams(p.content)) b WHERE b = ANY($3::text[])) AS inter,
              cardinality(tj_bigrams(p.content)) AS total
         FROM petitions p JOIN org_units u ON u.id = p.org_unit_id
        WHERE p.status = ANY($1::text[])
          AND EXISTS (SELECT 1 FROM petitioners x WHERE x.petition_id = p.id AND (x.id_number_index = ANY($2::text[]) OR x.mobile_index = ANY($2::text[])))
        ORDER BY p.registered_at DESC LIMIT 50`,
      [REPEAT_BASIS_STATUSES, keys, [...mine]],
    );
    const out: RepeatMatch[] = [];
    for (const r of rows) {
      if (!sameOrgan({ text: dto.concernedOrgan, unitId: dto.concernedOrgUnitId ?? null }, { text: r.concernedOrgan, unitId: r.concernedOrgUnitId })) continue;
      const similarity = Math.round(jaccard(Number(r.inter), Number(r.total), mine.size) * 100) / 100;
      if (similarity < SAME_MATTER_SIMILARITY) continue;
      out.push({ id: r.id, number: r.number, status: r.status, orgUnitName: r.unitName, similarity, higherOrgan: r.unitPath !== unit.path && r.unitPath.startsWith(unit.path) });
    }
    return out;
  }

  /** Gap-free per unit and year, like case numbers. */
  private async nextNumber(m: EntityManager, unitCode: string, year: number): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO petition_number_sequences (unit_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (unit_code, year) DO UPDATE SET last_value = petition_number_sequences.last_value + 1
       RETURNING last_value`,
      [unitCode, year],
    );
    return `XF-${unitCode}-${year}-${String(row.last_value).padStart(6, '0')}`;
  }

  // ---- reading -----------------------------------------------------------------------------

  private visibleQuery(m: EntityManager, principal: StaffPrincipal) {
    return m.getRepository(PetitionEntity).createQueryBuilder('p').innerJoin('p.orgUnit', 'unit').where('unit.path LIKE :scope', { scope: scopePattern(principal.orgUnitPath) });
  }

  /** A petition in the caller's subtree, locked for the change when `forUpdate`. */
  async load(principal: StaffPrincipal, id: string, m: EntityManager = this.ds.manager, forUpdate = false): Promise<PetitionEntity> {
    const qb = this.visibleQuery(m, principal).andWhere('p.id = :id', { id });
    if (forUpdate) qb.setLock('pessimistic_write', undefined, ['p']);
    const p = await qb.getOne();
    if (!p) throw new DomainError('PETITION.NOT_FOUND', { id });
    return p;
  }

  async view(principal: StaffPrincipal, id: string, m: EntityManager = this.ds.manager): Promise<PetitionView> {
    const petition = await this.load(principal, id, m);
    const [petitioners, deadlines, calendar] = await Promise.all([
      m.find(PetitionerEntity, { where: { petitionId: id } }),
      this.deadlines.forPetition(id, m),
      this.calendars.calendar(m),
    ]);
    const windows: PetitionView['windows'] = {};
    if (petition.reply?.deliveredOn && petition.category === 'claim') windows.review = requestWindow('review', petition.reply.deliveredOn, calendar);
    if (petition.review?.reply?.deliveredOn) windows.reReview = requestWindow('re_review', petition.review.reply.deliveredOn, calendar);
    const kase = petition.caseId ? await m.findOneBy(CaseEntity, { id: petition.caseId }) : null;
    return { petition, petitioners, deadlines, windows, linkedCase: kase ? { id: kase.id, number: kase.number, status: kase.status } : null, now: this.clock.now() };
  }

  async petitioners(petitionId: string, m: EntityManager): Promise<PetitionerEntity[]> {
    return m.find(PetitionerEntity, { where: { petitionId }, order: { position: 'ASC' } });
  }

  /** Newest first, with each petition's running clocks (for due-soon and overdue at a glance). */
  async list(principal: StaffPrincipal, q: ListPetitionsQueryDto): Promise<Page<PetitionEntity> & { running: Map<string, DeadlineEntity[]>; now: Date }> {
    const now = this.clock.now();
    const qb = this.visibleQuery(this.ds.manager, principal);
    const overdue = `(p.overdue = true OR EXISTS (SELECT 1 FROM deadlines od WHERE od.petition_id = p.id AND od.status = 'pending' AND od.due_at <= :now))`;
    if (q.status?.length) qb.andWhere('p.status IN (:...status)', { status: q.status });
    if (q.form) qb.andWhere('p.form = :form', { form: q.form });
    if (q.category) qb.andWhere('p.category = :category', { category: q.category });
    if (q.overdue !== undefined) qb.andWhere(q.overdue ? overdue : `NOT ${overdue}`, { now });
    if (q.repeat !== undefined) qb.andWhere('p.repeat = :repeat', { repeat: q.repeat });
    if (q.backlog) qb.andWhere(`p.status IN (:...open) AND (${overdue} OR p.repeat = true)`, { open: OPEN_PETITION_STATUSES, now });
    if (q.dueWithinDays) {
      qb.andWhere(`EXISTS (SELECT 1 FROM deadlines sd WHERE sd.petition_id = p.id AND sd.status = 'pending' AND sd.due_at > :now AND sd.due_at <= :until)`, { now, until: new Date(now.getTime() + q.dueWithinDays * 86400_000) });
    }
    if (q.leader) qb.andWhere('p.leaderId = :leaderId', { leaderId: q.leader === 'me' ? principal.id : q.leader });
    if (q.officerId) qb.andWhere('p.officerId = :officerId', { officerId: q.officerId });
    if (q.organ) qb.andWhere('p.concernedOrgan ILIKE :organ', { organ: `%${escapeLike(q.organ)}%` });
    if (q.concernedOrgUnitId) qb.andWhere('p.concernedOrgUnitId = :cou', { cou: q.concernedOrgUnitId });
    if (q.orgUnitId) {
      const unit = await this.units.getInScope(principal, q.orgUnitId);
      qb.andWhere('unit.path LIKE :sub', { sub: scopePattern(unit.path) });
    }
    const text = q.q;
    if (text) {
      // As for cases: the bigram containment uses the GIN index; the ILIKE keeps contiguous matches.
      qb.andWhere(new Brackets((w) => w.where('tj_bigrams(p.search_text) @> tj_bigrams(:q)', { q: text }).andWhere('p.search_text ILIKE :like', { like: `%${escapeLike(text)}%` })));
    }
    const page = await paginate(qb, { column: 'p.registeredAt', idColumn: 'p.id', key: (p) => p.registeredAt, direction: 'DESC' }, q);
    const running = new Map<string, DeadlineEntity[]>();
    if (page.items.length) {
      const rows = await this.ds.getRepository(DeadlineEntity).find({ where: { petitionId: In(page.items.map((p) => p.id)), status: 'pending' } });
      for (const d of rows) running.set(d.petitionId!, [...(running.get(d.petitionId!) ?? []), d]);
    }
    return { ...page, running, now };
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
