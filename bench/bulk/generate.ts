/**
 * Turns a slice of the three-year history into rows, shaped exactly as the application writes
 * them: a case registered at the desk, triaged within a working day (a few late), accepted into
 * its track's mediation clock, assigned, concluded by an agreement (most), a failure or a
 * withdrawal, closed and visited; or still open now, some of them past their time limit.
 *
 * Pure apart from the cipher (random nonces) and randomUUID: the rows are COPY text lines, one
 * string per table, written by load.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ProtectedIdentifiers } from '../../src/common/pii';
import { protectIdentifiers, type IdentifierCipher } from '../../src/common/pii';
import { resolvePolicy, type DeadlineKind } from '../../src/deadlines/deadline-kinds';
import { explainDue } from '../../src/deadlines/explain';
import { addDays, BusinessCalendar, computeDue, DueResult, localDateOf } from '../../src/deadlines/period';
import { firstAction, reminderStages } from '../../src/deadlines/schedule';
import { TAXONOMY, trackOfCategory, type Category } from '../../src/triage/taxonomy';
import * as P from './pools';
import { creditCode, mobile, residentId, Rng, Weighted } from './random';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const LOCAL_OFFSET = 8 * HOUR;

// ---------------------------------------------------------------------------------------------
// COPY text format
// ---------------------------------------------------------------------------------------------

const SPECIAL = /[\\\t\n\r]/;
function text(s: string): string {
  return SPECIAL.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** One COPY line: null → \N, Date → ISO, boolean → t/f, object → JSON. */
export function line(values: unknown[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += '\t';
    if (v === null || v === undefined) out += '\\N';
    else if (typeof v === 'string') out += text(v);
    else if (typeof v === 'number') out += String(v);
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else if (v instanceof Date) out += v.toISOString();
    else out += text(JSON.stringify(v));
  }
  return `${out}\n`;
}

/** The tables the generator writes per case, and their COPY column lists. */
export const TABLES = {
  cases: [
    'id', 'number', 'org_unit_id', 'channel', 'external_ref', 'source_partner_id', 'title', 'description', 'category', 'subcategory', 'track', 'amount_fen',
    'party_count', 'risk_level', 'risk_reasons', 'suggestion', 'status', 'decision', 'merged_into_id', 'assignee_id', 'overdue', 'prior_visits', 'search_text',
    'registered_by_id', 'registered_at', 'version', 'created_at', 'updated_at', 'track_facts', 'mediation_clock',
  ],
  case_parties: [
    'id', 'case_id', 'position', 'role', 'kind', 'name', 'id_type', 'id_number_enc', 'id_number_index', 'id_number_masked', 'id_warning', 'mobile_enc', 'mobile_index', 'mobile_masked',
    'address_enc', 'address_masked', 'vulnerable',
  ],
  deadlines: [
    'id', 'case_id', 'org_unit_id', 'kind', 'label', 'statutory', 'legal_basis', 'start_at', 'unit', 'duration', 'due_at', 'computation', 'status', 'paused_clock', 'pauses', 'extensions',
    'closed_at', 'version', 'created_at', 'updated_at', 'reminders', 'next_action_at', 'job_epoch', 'petition_id',
  ],
  audit_events: ['id', 'occurred_at', 'actor_type', 'actor_id', 'actor_name', 'action', 'subject_type', 'subject_id', 'org_unit_id', 'before', 'after', 'request_id'],
  case_assignments: ['id', 'case_id', 'mediator_id', 'role', 'how', 'reason', 'assigned_by_id', 'assigned_at', 'ended_at', 'end_reason'],
  agreements: ['id', 'case_id', 'text', 'signatures', 'effective_at', 'confirmable', 'recorded_by_id', 'version', 'created_at'],
  follow_up_visits: ['id', 'case_id', 'org_unit_id', 'after_days', 'due_on', 'status', 'method', 'party_id', 'visited_at', 'visited_by_id', 'satisfaction', 'relapse', 'notes', 'action', 'version'],
} as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

// ---------------------------------------------------------------------------------------------
// The world the cases happen in
// ---------------------------------------------------------------------------------------------

export interface Person {
  id: string;
  name: string;
}

export interface SeedUnit {
  id: string;
  code: string;
  name: string;
  level: 'county' | 'town' | 'village';
  path: string;
  /** For addresses: 浙江省湖州市安吉县 + town + village. */
  address: string;
  directors: Person[];
  clerks: Person[];
  mediators: Person[];
}

export interface World {
  now: Date;
  today: string;
  calendar: BusinessCalendar;
  cipher: IdentifierCipher;
  units: SeedUnit[];
  /** The county's 6-digit code: local ID numbers and credit codes use it. */
  regionCode: string;
  /** Next case number per `${unitCode}-${year}`, continued from case_number_sequences. */
  sequences: Map<string, number>;
}

export type Rows = Record<TableName, string[]>;

export interface Tally {
  status: Record<string, number>;
  deadlines: Record<string, number>;
  overdueOpen: number;
}

const CHANNELS = new Weighted<string>([['walk_in', 38], ['phone', 10], ['online', 8], ['grid', 18], ['hotline', 12], ['police', 8], ['court', 4], ['petition', 2]]);
const RISK = new Weighted<string>([['blue', 70], ['yellow', 20], ['orange', 8], ['red', 2]]);
const DECISION = new Weighted<string>([['accept', 90], ['refer_out', 5], ['reject', 3.5], ['merge', 1.5]]);
const OUTCOME = new Weighted<string>([['agreement', 84], ['failed', 9], ['withdrawn', 5], ['consent_refused', 2]]);
const SATISFACTION = new Weighted<number>([[5, 60], [4, 28], [3, 8], [2, 3], [1, 1]]);
const METHOD = new Weighted<string>([['phone', 70], ['visit', 25], ['sms', 5]]);
const SURNAME = new Weighted<string>(P.SURNAMES);
const CATEGORY = new Weighted<[string, Weighted<string>]>(P.CATEGORY_SHARES.map(([c, w, subs]) => [[c, new Weighted(subs)], w] as const));
const OTHER_ZHEJIANG = ['330102', '330106', '330521', '330522', '330502', '330503', '330182'];
const OTHER_PROVINCES = ['340822', '341221', '412726', '411521', '511381', '510922', '522121', '362324', '360732', '430524'];
const MEDIAN_DAYS: Record<string, number> = { labor: 6, family: 12, property: 10, general: 9 };
const RISK_REASONS: Record<string, { code: string; description: string }> = {
  red: { code: 'violence_threat', description: '当事人扬言采取过激行为，存在人身伤害风险' },
  orange: { code: 'group_dispute', description: '涉及人数较多或矛盾激化，可能引发群体性事件' },
  yellow: { code: 'repeat_visit', description: '当事人多次来访，情绪较为激动' },
};

/** The local (Asia/Shanghai) wall clock of an instant, as [date, minutes since midnight]. */
const localParts = (t: number): { date: string; minutes: number } => {
  const d = new Date(t + LOCAL_OFFSET);
  return { date: d.toISOString().slice(0, 10), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
};
const atLocal = (date: string, minutes: number): number => Date.parse(`${date}T00:00:00Z`) - LOCAL_OFFSET + minutes * 60_000;

export class Generator {
  private readonly dueCache = new Map<string, { due: DueResult; computation: Record<string, unknown>; reminders: unknown[] }>();
  /** Recent people, some of whom come back in later cases (the same person across cases). */
  private readonly recent: Array<{ name: string; protectedIds: ProtectedIdentifiers }> = [];
  /** Last case per unit, for merges. */
  private readonly lastCase = new Map<string, { id: string; number: string }>();
  private readonly unitPicker: Weighted<SeedUnit>;
  readonly tally: Tally = { status: {}, deadlines: {}, overdueOpen: 0 };

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    // 小事不出村、大事不出镇: most disputes are handled in the villages, a third in the towns.
    const villages = world.units.filter((u) => u.level === 'village');
    const towns = world.units.filter((u) => u.level === 'town');
    const county = world.units.filter((u) => u.level === 'county');
    const weights: Array<[SeedUnit, number]> = [];
    const spread = (list: SeedUnit[], share: number) => {
      const w = list.map(() => Math.exp(0.6 * rng.normal()));
      const sum = w.reduce((a, b) => a + b, 0) || 1;
      list.forEach((u, i) => weights.push([u, (share * w[i]) / sum]));
    };
    spread(villages, villages.length ? 55 : 0);
    spread(towns, towns.length ? 33 : 0);
    spread(county, 12);
    this.unitPicker = new Weighted(weights);
  }

  /** Registration instants for `n` cases between `from` and `to`: office hours mostly, fewer at weekends, ascending. */
  registrationTimes(n: number, from: number, to: number): number[] {
    const out: number[] = [];
    const { rng, world } = this;
    for (let i = 0; i < n; i++) {
      let t = from + rng.next() * (to - from);
      for (let tries = 0; tries < 6; tries++) {
        const { date } = localParts(t);
        if (world.calendar.isWorkingDay(date) || rng.chance(0.3)) break;
        t = from + rng.next() * (to - from);
      }
      const { date } = localParts(t);
      // 80 % at the desk's hours, the rest (online, hotline, grid) from 7:00 to 22:00.
      const minutes = rng.chance(0.8) ? (rng.chance(0.5) ? rng.int(510, 719) : rng.int(810, 1049)) : rng.int(420, 1319);
      out.push(Math.min(atLocal(date, minutes) + rng.int(0, 59_999), world.now.getTime() - 60_000));
    }
    return out.sort((a, b) => a - b);
  }

  private personName(male: boolean): string {
    return SURNAME.pick(this.rng) + this.rng.pick(male ? P.MALE_GIVEN : P.FEMALE_GIVEN);
  }

  private companyName(kind: string): string {
    const kinds = P.COMPANY_KIND[kind] ?? P.COMPANY_KIND.other;
    return `${this.rng.pick(P.COMPANY_PREFIX)}${this.rng.pick(P.COMPANY_WORD)}${this.rng.pick(kinds)}`;
  }

  /** A person's identifiers, protected as the app stores them; one in ten comes back from an earlier case. */
  private person(unit: SeedUnit, registeredAt: number, opts: { idShare: number; mobileShare: number; addressShare: number; minAge?: number; migrant?: boolean }): { name: string; ids: ProtectedIdentifiers } {
    const { rng } = this;
    if (this.recent.length > 500 && rng.chance(0.1)) {
      const back = rng.pick(this.recent);
      return { name: back.name, ids: back.protectedIds };
    }
    const male = rng.chance(0.52);
    const name = this.personName(male);
    const input: { idType?: 'resident_id'; idNumber?: string; mobile?: string; address?: string } = {};
    if (rng.chance(opts.idShare)) {
      const region = opts.migrant && rng.chance(0.5) ? rng.pick(OTHER_PROVINCES) : rng.chance(0.8) ? this.world.regionCode : rng.chance(0.5) ? rng.pick(OTHER_ZHEJIANG) : rng.pick(OTHER_PROVINCES);
      const year = new Date(registeredAt).getUTCFullYear() - rng.int(opts.minAge ?? 18, 85);
      input.idType = 'resident_id';
      input.idNumber = residentId(rng, region, { y: year, m: rng.int(1, 12), d: rng.int(1, 28) }, male);
    }
    if (rng.chance(opts.mobileShare)) input.mobile = mobile(rng);
    if (rng.chance(opts.addressShare)) input.address = `${unit.address}${rng.pick(P.ROADS)}${rng.int(1, 388)}号${rng.int(1, 12)}幢${rng.int(1, 3)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
    const checked = protectIdentifiers(this.world.cipher, input, { path: 'party', context: 'case_party', today: this.world.today, defaultIdType: 'resident_id' });
    if (checked.errors.length) throw new Error(`generated identifiers do not validate: ${JSON.stringify(checked.errors)}`);
    this.recent.push({ name, protectedIds: checked.value });
    if (this.recent.length > 5000) this.recent.splice(0, 1000);
    return { name, ids: checked.value };
  }

  private organisation(kind: string): { name: string; ids: ProtectedIdentifiers } {
    const name = this.companyName(kind);
    const input = this.rng.chance(0.8) ? { idType: 'credit_code' as const, idNumber: creditCode(this.rng, this.world.regionCode) } : {};
    const mobileInput = this.rng.chance(0.5) ? { mobile: mobile(this.rng) } : {};
    const checked = protectIdentifiers(this.world.cipher, { ...input, ...mobileInput }, { path: 'party', context: 'case_party', today: this.world.today, defaultIdType: 'credit_code' });
    if (checked.errors.length) throw new Error(`generated identifiers do not validate: ${JSON.stringify(checked.errors)}`);
    return { name, ids: checked.value };
  }

  /** The due time, computation and reminders of a clock started at `start`, as DeadlinesService.start() writes them. */
  private clock(kind: DeadlineKind, start: number): { due: DueResult; computation: Record<string, unknown>; reminders: unknown[] } {
    const policy = resolvePolicy(kind);
    // Day-based periods depend only on the local start date; hour periods on the instant.
    const key = policy.unit === 'hours' ? `${kind}|${start}` : `${kind}|${localParts(start).date}`;
    let hit = this.dueCache.get(key);
    if (!hit) {
      const startDate = new Date(start);
      const due = computeDue({ start: startDate, unit: policy.unit, duration: policy.duration, calendar: this.world.calendar });
      const reminders = reminderStages({ dueAt: due.dueAt, lastDay: due.dueDate, offsets: policy.reminderOffsets, from: startDate, calendar: this.world.calendar });
      hit = { due, computation: { ...due, dueAt: due.dueAt.toISOString(), explanation: explainDue(due, startDate) }, reminders };
      if (policy.unit !== 'hours') this.dueCache.set(key, hit);
    }
    return hit;
  }

  /** Generates the cases registered at `times` (ascending), appending COPY lines to `rows`. */
  generate(times: number[], rows: Rows): void {
    for (const t of times) this.oneCase(t, rows);
  }

  private oneCase(reg: number, rows: Rows): void {
    const { rng, world } = this;
    const now = world.now.getTime();
    const unit = this.unitPicker.pick(rng);
    const clerk = rng.pick(unit.clerks);
    const director = unit.directors[0];
    const [category, subPicker] = CATEGORY.pick(rng) as [Category, Weighted<string>];
    const subcategory = subPicker.pick(rng);
    const track = trackOfCategory(category);
    const template = rng.pick(P.TEMPLATES[`${category}.${subcategory}`] ?? P.TEMPLATES['other.other']);

    let channel = CHANNELS.pick(rng);
    if (category === 'traffic' && rng.chance(0.3)) channel = 'police';
    if ((category === 'neighbour' || category === 'land') && rng.chance(0.2)) channel = 'grid';
    if (category === 'labor' && rng.chance(0.15)) channel = 'hotline';
    const year = Number(localParts(reg).date.slice(0, 4));
    const externalRef =
      channel === 'police' ? `J${world.regionCode}${localParts(reg).date.replace(/-/g, '')}${String(rng.int(1, 9999)).padStart(4, '0')}`
      : channel === 'court' ? `（${year}）浙0523民诉前调${rng.int(100, 9999)}号`
      : channel === 'petition' ? `XF${world.regionCode}-${year}-${String(rng.int(1, 99999)).padStart(6, '0')}`
      : channel === 'hotline' ? `12345-${localParts(reg).date.replace(/-/g, '')}-${String(rng.int(1, 99999)).padStart(5, '0')}`
      : null;

    // Parties: an applicant, a respondent (an organisation where the dispute is with one), sometimes a third.
    const orgKind = category === 'labor' ? 'labor' : category === 'property_management' ? 'property' : category === 'consumer' ? 'consumer' : category === 'medical' ? 'medical' : category === 'commercial' ? 'commercial' : 'other';
    const respondentIsOrg =
      (category === 'labor' && subcategory !== 'wage_arrears' ? rng.chance(0.8) : category === 'labor' ? rng.chance(0.5) : false) ||
      category === 'medical' || (category === 'property_management' && subcategory !== 'repair_leak' && subcategory !== 'parking') ||
      (category === 'consumer' && subcategory !== 'online_shopping') || (category === 'commercial' && subcategory !== 'private_loan' && subcategory !== 'lease' && rng.chance(0.7)) ||
      (category === 'other' && subcategory === 'environment');
    const applicant = this.person(unit, reg, { idShare: 0.9, mobileShare: 0.95, addressShare: 0.7, minAge: subcategory === 'elder_support' ? 68 : 18, migrant: category === 'labor' });
    const respondent = respondentIsOrg ? this.organisation(orgKind) : this.person(unit, reg, { idShare: 0.5, mobileShare: 0.6, addressShare: 0.3 });
    const parties: Array<{ role: string; kind: string; name: string; ids: ProtectedIdentifiers; vulnerable: string }> = [
      { role: 'applicant', kind: 'person', name: applicant.name, ids: applicant.ids, vulnerable: subcategory === 'elder_support' && rng.chance(0.4) ? '{elderly_alone}' : '{}' },
      { role: 'respondent', kind: respondentIsOrg ? 'organisation' : 'person', name: respondent.name, ids: respondent.ids, vulnerable: '{}' },
    ];
    if (rng.chance(0.3)) {
      if (category === 'traffic' && rng.chance(0.6)) {
        const insurer = this.organisation('traffic');
        parties.push({ role: 'third_party', kind: 'organisation', name: insurer.name, ids: insurer.ids, vulnerable: '{}' });
      } else {
        const other = this.person(unit, reg, { idShare: 0.5, mobileShare: 0.6, addressShare: 0.2 });
        parties.push({ role: rng.chance(0.6) ? 'respondent' : 'third_party', kind: 'person', name: other.name, ids: other.ids, vulnerable: '{}' });
      }
    }

    const amountRange = P.AMOUNTS[category];
    const hasAmount = template.description.includes('{amount}') || (amountRange !== null && rng.chance(0.3));
    const amountYuan = hasAmount && amountRange ? Math.max(100, Math.round(rng.logNormal(amountRange[0], Math.log(amountRange[1])) / 100) * 100) : null;
    const fill = (s: string) =>
      s
        .replace(/\{A\}/g, applicant.name)
        .replace(/\{B\}/g, respondent.name)
        .replace(/\{org\}/g, respondent.name)
        .replace(/\{amount\}/g, amountYuan !== null ? amountYuan.toLocaleString('en').replace(/,/g, '') : '若干')
        .replace(/\{n\}/g, String(rng.int(2, 12)))
        .replace(/\{m\}/g, String(rng.int(2, 14)))
        .replace(/\{place\}/g, unit.name)
        .replace(/\{road\}/g, rng.pick(P.ROADS))
        .replace(/\{ESTATE\}/g, rng.pick(P.ESTATES))
        .replace(/\{date\}/g, `${year - 1}年${rng.int(1, 12)}月`);
    const title = fill(template.title).slice(0, 200);
    const description = fill(template.description);

    let risk = RISK.pick(rng);
    if (subcategory === 'domestic_violence') risk = rng.chance(0.5) ? 'red' : 'orange';
    const riskReasons = risk === 'blue' ? [] : [{ ...RISK_REASONS[risk], level: risk }];

    const id = randomUUID();
    const seqKey = `${unit.code}-${year}`;
    const seq = (world.sequences.get(seqKey) ?? 0) + 1;
    world.sequences.set(seqKey, seq);
    const number = `TJ-${unit.code}-${year}-${String(seq).padStart(6, '0')}`;
    const partyIds = parties.map(() => randomUUID());
    const masked = parties.map((p) => ({ role: p.role, name: p.name, idNumber: p.ids.idNumberMasked, mobile: p.ids.mobileMasked }));
    const suggestion = { category, subcategory, track, confidence: Number((0.55 + rng.next() * 0.4).toFixed(2)), matched: [TAXONOMY[category].subcategories[subcategory as never] ?? subcategory], possibleDuplicates: [] };

    const audit = (at: number, actor: Person | null, action: string, before: unknown, after: unknown) =>
      rows.audit_events.push(line([randomUUID(), new Date(at), actor ? 'staff' : 'system', actor?.id ?? null, actor?.name ?? 'system', action, 'case', id, unit.id, before, after, null]));
    const deadline = (kind: DeadlineKind, start: number, status: string, closedAt: number | null) => {
      const policy = resolvePolicy(kind);
      const c = this.clock(kind, start);
      const pending = status === 'pending';
      // A running clock lists only the reminders still ahead of now (as the sweep would leave it).
      const reminders = pending ? reminderStages({ dueAt: c.due.dueAt, lastDay: c.due.dueDate, offsets: policy.reminderOffsets, from: world.now, calendar: world.calendar }) : c.reminders;
      const next = pending ? firstAction(c.due.dueAt, reminders as never) : null;
      rows.deadlines.push(line([
        randomUUID(), id, unit.id, kind, policy.label, policy.statutory, policy.legalBasis, new Date(start), policy.unit, policy.duration, c.due.dueAt, c.computation, status, null, '[]', '[]',
        closedAt === null ? null : new Date(closedAt), pending ? 1 : 2, new Date(start), new Date(closedAt ?? start), reminders, next, null, null,
      ]));
      this.tally.deadlines[`${kind}:${status}`] = (this.tally.deadlines[`${kind}:${status}`] ?? 0) + 1;
    };

    audit(reg, clerk, 'case.registered', null, { number, channel, externalRef, title, riskLevel: risk, suggestion, parties: masked });
    parties.forEach((p, i) => {
      const x = p.ids;
      rows.case_parties.push(line([partyIds[i], id, i, p.role, p.kind, p.name, x.idType, x.idNumberEnc, x.idNumberIndex, x.idNumberMasked, x.idWarning, x.mobileEnc, x.mobileIndex, x.mobileMasked, x.addressEnc, x.addressMasked, p.vulnerable]));
    });

    // ---- the story of the case, up to now
    let status = 'registered';
    let overdue = false;
    let decision: Record<string, unknown> | null = null;
    let assigneeId: string | null = null;
    let mergedIntoId: string | null = null;
    let classified = false;
    let mediationClock: string | null = null;
    let last = reg;
    let version = 1;

    const triage = this.clock('triage', reg);
    const triageDue = triage.due.dueAt.getTime();
    // Most triage decisions come within hours; about 4 % after the working day they had.
    const decidedAt = rng.chance(0.96) ? Math.min(reg + rng.logNormal(2.5, 1) * HOUR, triageDue - 10 * 60_000) : triageDue + rng.int(1, 48) * HOUR;
    const missedAt = (due: number) => due + rng.int(500, 3000);
    const miss = (kind: DeadlineKind, start: number, due: number) => {
      const at = missedAt(due);
      deadline(kind, start, 'missed', at);
      overdue = true;
      audit(at, null, 'deadline.missed', { status: 'pending' }, { kind, label: resolvePolicy(kind).label, status: 'missed', dueAt: new Date(due).toISOString() });
      last = Math.max(last, at);
    };

    if (decidedAt > now) {
      if (triageDue <= now) miss('triage', reg, triageDue);
      else deadline('triage', reg, 'pending', null);
    } else {
      if (decidedAt > triageDue) miss('triage', reg, triageDue);
      else deadline('triage', reg, 'met', decidedAt);
      let choice = DECISION.pick(rng);
      const previous = this.lastCase.get(unit.id);
      if (choice === 'merge' && !previous) choice = 'accept';
      const decider = rng.chance(0.5) ? director : clerk;
      decision = { decision: choice, decidedById: decider.id, decidedBy: decider.name, decidedAt: new Date(decidedAt).toISOString() };
      version++;
      last = Math.max(last, decidedAt);
      if (choice === 'refer_out') {
        const [referredTo, road] = rng.pick(P.REFER_TARGETS);
        Object.assign(decision, { referredTo, road });
        status = 'referred_out';
      } else if (choice === 'reject') {
        Object.assign(decision, { reason: rng.pick(P.REJECT_REASONS), road: '告知当事人可以依法通过仲裁、行政、司法等途径维护权利' });
        status = 'rejected';
      } else if (choice === 'merge') {
        Object.assign(decision, { mergedIntoNumber: previous!.number });
        mergedIntoId = previous!.id;
        status = 'merged';
      } else {
        status = 'accepted';
        classified = true;
      }
      audit(decidedAt, decider, `case.triage.${choice}`, { status: 'registered', orgUnitId: unit.id, category: null, track: null }, { status, orgUnitId: unit.id, category: classified ? category : null, track: classified ? track : null, decision });

      if (status === 'accepted') {
        const acceptedAt = decidedAt;
        let kind: DeadlineKind = track === 'labor' ? 'labor_mediation' : category === 'medical' ? 'medical_committee_mediation' : 'people_mediation';
        if (channel === 'court') {
          kind = 'delegated_mediation_prefiling';
          mediationClock = kind;
        }
        // Labor mediation counts from receipt of the application (劳动争议调解仲裁法 Art.14).
        const clockStart = track === 'labor' ? reg : acceptedAt;
        const clockDue = this.clock(kind, clockStart).due.dueAt.getTime();
        const assignedAt = acceptedAt + rng.logNormal(4, 1) * HOUR;
        const mediator = rng.pick(unit.mediators);
        const concludedRaw = acceptedAt + rng.logNormal(MEDIAN_DAYS[track] ?? 9, 0.85) * DAY;
        const concludedAt = Math.max(assignedAt + HOUR, atLocal(localParts(concludedRaw).date, rng.int(540, 1050)));

        if (assignedAt <= now) {
          assigneeId = mediator.id;
          status = 'in_mediation';
          version++;
          rows.case_assignments.push(line([randomUUID(), id, mediator.id, 'lead', 'manual', null, director.id, new Date(assignedAt), null, null]));
          audit(assignedAt, director, 'case.assigned', { status: 'accepted', lead: null, co: [] }, { status: 'in_mediation', lead: mediator.id, leadName: mediator.name, co: [] });
          last = Math.max(last, assignedAt);
        }
        if (concludedAt > now) {
          // Still being mediated: some suspended, some past their limit now.
          if (status === 'in_mediation' && rng.chance(0.05)) status = 'suspended';
          if (clockDue <= now) miss(kind, clockStart, clockDue);
          else deadline(kind, clockStart, 'pending', null);
        } else {
          const outcome = assigneeId ? OUTCOME.pick(rng) : 'withdrawn';
          if (concludedAt > clockDue) miss(kind, clockStart, clockDue);
          else deadline(kind, clockStart, outcome === 'agreement' ? 'met' : 'cancelled', concludedAt);
          const concludedIso = new Date(concludedAt).toISOString();
          const actor = rng.pick(unit.mediators);
          version++;
          last = Math.max(last, concludedAt);
          if (outcome === 'agreement') {
            const agreementId = randomUUID();
            const confirmable = rng.chance(0.35);
            const clauses = [rng.pick(P.AGREEMENT_CLAUSES), rng.pick(P.AGREEMENT_CLAUSES), P.AGREEMENT_CLAUSES[4]].map((c, i) => `${'一二三'[i]}、${fill(c)}`);
            const signatures = [
              ...parties.map((p, i) => ({ partyId: partyIds[i], name: p.name, signedAt: concludedIso })),
              { staffUserId: actor.id, name: actor.name, signedAt: concludedIso },
            ];
            rows.agreements.push(line([agreementId, id, `人民调解协议书\n经调解，双方自愿达成如下协议：\n${clauses.join('；\n')}。`, signatures, new Date(concludedAt), confirmable, actor.id, 1, new Date(concludedAt)]));
            decision.mediation = { outcome: 'agreement', agreementId, effectiveAt: concludedIso, confirmability: { ok: confirmable, excluded: [] } };
            status = 'agreement';
            audit(concludedAt, actor, 'case.agreement_recorded', { status: 'in_mediation' }, { status, agreementId, effectiveAt: concludedIso, obligations: 1, confirmable, excludedFromConfirmation: [] });
            const closeAt = concludedAt + rng.logNormal(20, 0.7) * DAY;
            if (closeAt <= now && rng.chance(0.9)) {
              status = 'closed';
              version++;
              audit(closeAt, actor, 'case.closed', { status: 'performing' }, { status: 'closed', reason: '调解协议已全部履行' });
              last = Math.max(last, closeAt);
            } else if (rng.chance(0.6)) {
              status = 'performing';
              version++;
            }
            // 回访 at 7 and 30 days after the agreement took effect.
            for (const afterDays of [7, 30]) {
              const dueOn = addDays(localParts(concludedAt).date, afterDays);
              const visitAt = atLocal(addDays(dueOn, rng.int(0, 2)), rng.int(540, 1050));
              if (visitAt > now) {
                rows.follow_up_visits.push(line([randomUUID(), id, unit.id, afterDays, dueOn, 'scheduled', null, null, null, null, null, null, null, null, 1]));
              } else if (rng.chance(0.88)) {
                const satisfaction = SATISFACTION.pick(rng);
                const relapse = rng.chance(0.02);
                rows.follow_up_visits.push(line([randomUUID(), id, unit.id, afterDays, dueOn, 'done', METHOD.pick(rng), partyIds[0], new Date(visitAt), actor.id, satisfaction, relapse, rng.pick(P.FOLLOW_UP_NOTES), relapse || satisfaction <= 2 ? 'escalated' : 'none', 2]));
              } else {
                rows.follow_up_visits.push(line([randomUUID(), id, unit.id, afterDays, dueOn, 'missed', null, null, null, null, null, null, null, null, 2]));
              }
            }
          } else if (outcome === 'withdrawn') {
            decision.mediation = { outcome: 'withdrawn', party: applicant.name, reason: '双方已自行和解', decidedAt: concludedIso };
            status = 'withdrawn';
            audit(concludedAt, actor, 'case.withdrawn', { status: 'in_mediation' }, { status, party: applicant.name, reason: '双方已自行和解' });
          } else {
            const reason = outcome === 'consent_refused' ? '被申请人拒绝调解' : rng.pick(P.FAILURE_REASONS);
            const roads = [{ code: 'litigation', description: '告知当事人可以依法向人民法院提起诉讼' }];
            decision.mediation = { outcome, reason, roads, decidedAt: concludedIso };
            status = 'failed';
            audit(concludedAt, actor, outcome === 'consent_refused' ? 'case.consent_refused' : 'case.mediation_failed', { status: 'in_mediation' }, { status, reason, roads: roads.map((r) => r.code) });
            const closeAt = concludedAt + rng.logNormal(10, 0.8) * DAY;
            if (closeAt <= now && rng.chance(0.85)) {
              status = 'closed';
              version++;
              audit(closeAt, actor, 'case.closed', { status: 'failed' }, { status: 'closed', how: 'failed', summary: '已告知当事人其他救济途径' });
              last = Math.max(last, closeAt);
            }
          }
        }
      }
    }

    if (overdue && ['registered', 'accepted', 'in_mediation', 'suspended', 'agreement', 'performing', 'failed'].includes(status)) this.tally.overdueOpen++;
    this.tally.status[status] = (this.tally.status[status] ?? 0) + 1;
    this.lastCase.set(unit.id, { id, number });
    rows.cases.push(line([
      id, number, unit.id, channel, externalRef, null, title, description, classified ? category : null, classified ? subcategory : null, classified ? track : null,
      amountYuan === null ? null : String(amountYuan * 100), parties.length, risk, riskReasons, suggestion, status, decision, mergedIntoId, assigneeId, overdue,
      rng.chance(0.8) ? 0 : rng.int(1, 3), [title, description, ...parties.map((p) => p.name)].join(' '), clerk.id, new Date(reg), version, new Date(reg), new Date(last), null, mediationClock,
    ]));
  }
}

export const emptyRows = (): Rows => Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as string[]])) as unknown as Rows;

export { localParts, atLocal, localDateOf };
