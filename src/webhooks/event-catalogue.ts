import { ApiProperty } from '@nestjs/swagger';
import {
  AgreementBreachedPayloadDto, CaseClosedPayloadDto, CaseReferredPayloadDto, CaseRegisteredPayloadDto, CaseTriagedPayloadDto, JudicialConfirmationAppliedPayloadDto,
  JudicialConfirmationRuledPayloadDto, MediationConcludedPayloadDto, ReferralMaterialsReturnedPayloadDto, ReferralMaterialsSignedPayloadDto, ReferralResultPayloadDto,
} from './case-event-payloads';

/**
 * Every event type partners can receive, with the schema of its `data`. The OpenAPI document's
 * top-level `webhooks` is built from this (openapi.ts), so a partner's integration engineer sees
 * each event like a route: summary, description, payload schema with examples, headers.
 *
 * Adding an event: write its payload class (with @ApiProperty and realistic examples) and add one
 * entry below. The envelope `{ type, timestamp, data }` and the ids merged into `data`
 * (WebhookEventIdsDto) are documented for every entry automatically.
 */
export interface WebhookEventSpec {
  /** Chinese first, English in parentheses, like route summaries. */
  summary: string;
  /** When it is sent, to whom, and what the receiver is expected to do. */
  description: string;
  /** The class documenting the payload the emitter writes (OutboxEvent.payload). */
  payload: new (...args: never[]) => unknown;
}

// ---- shared pieces ---------------------------------------------------------------------

export class WebhookOrgUnitRefDto {
  @ApiProperty({ example: '330102001', description: '行政区划代码 (administrative division code)' })
  code: string;
  @ApiProperty({ example: '清波街道' })
  name: string;
}

export class WebhookLegalBasisDto {
  @ApiProperty({ example: '自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁。' })
  text: string;
  @ApiProperty({ example: '劳动争议调解仲裁法 第十四条' })
  citation: string;
}

// ---- case.red_risk ---------------------------------------------------------------------

export class CaseRedRiskPayloadDto {
  @ApiProperty({ format: 'uuid', example: '8c1f6d2a-3e4b-4c5d-9e6f-7a8b9c0d1e2f' })
  caseId: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123', description: '案件编号 (the case number, one per dispute)' })
  number: string;
  @ApiProperty({ example: '房东拒退押金，租户扬言报复' })
  title: string;
  @ApiProperty({ type: WebhookOrgUnitRefDto, description: '登记单位 (the unit where the case was registered)' })
  orgUnit: WebhookOrgUnitRefDto;
  @ApiProperty({ enum: ['red'], example: 'red' })
  riskLevel: 'red';
  @ApiProperty({ type: [String], example: ['扬言实施暴力（杀人、放火、报复等），应立即稳控并报告公安机关（人民调解法第25条）'] })
  reasons: string[];
  @ApiProperty({ example: '2026-11-23T09:12:40.000+08:00' })
  registeredAt: string;
  @ApiProperty({ format: 'uuid', description: '预警编号：请以 POST /v1/red-alerts/{alertId}/acknowledgement 响应 (acknowledge with this id)' })
  alertId: string;
  @ApiProperty({ example: '2026-11-23T09:12:40.000+08:00' })
  raisedAt: string;
  @ApiProperty({ example: '/v1/red-alerts/0b6f1c2d-3e4a-4b5c-8d6e-7f8a9b0c1d2e/acknowledgement' })
  acknowledgeAt: string;
}

// ---- deadline.missed -------------------------------------------------------------------

export class WebhookDeadlineRefDto {
  @ApiProperty({ format: 'uuid', example: '2b7e4c1d-5f6a-4b8c-9d0e-1f2a3b4c5d6e' })
  id: string;
  @ApiProperty({ example: 'labor_mediation', description: 'GET /v1/deadlines/kinds lists every kind' })
  kind: string;
  @ApiProperty({ example: '劳动争议调解期限' })
  label: string;
  @ApiProperty({ example: true, description: 'true: set by statute; false: an internal target of the center' })
  statutory: boolean;
  @ApiProperty({ example: '2026-12-09T00:00:00.000+08:00' })
  dueAt: string;
  @ApiProperty({ type: WebhookLegalBasisDto })
  legalBasis: WebhookLegalBasisDto;
}

export class DeadlineMissedPayloadDto {
  @ApiProperty({ format: 'uuid', example: '8c1f6d2a-3e4b-4c5d-9e6f-7a8b9c0d1e2f' })
  caseId: string;
  @ApiProperty({ example: 'TJ-330102001-2026-000123' })
  number: string;
  @ApiProperty({ type: String, nullable: true, example: '(2026)浙0102民诉前调1234号', description: '您系统中的编号（提交案件时的 externalRef） (your own reference, as sent with the case)' })
  externalRef: string | null;
  @ApiProperty({ type: WebhookDeadlineRefDto })
  deadline: WebhookDeadlineRefDto;
  @ApiProperty({ example: '2026-12-09T00:00:05.000+08:00' })
  missedAt: string;
}

// ---- the catalogue ---------------------------------------------------------------------

export const WEBHOOK_EVENTS = {
  'case.red_risk': {
    summary: '红色风险预警 (a case was assessed red risk)',
    description:
      '警调对接（吹哨报到）：登记、分流或调解中被评为红色风险、且涉及暴力威胁或自伤倾向的案件，推送给辖区覆盖登记单位的派出所，请立即稳控处置并响应预警。' +
      '\n\nSent to the police stations whose area covers the case\'s unit when a case is assessed red for threats of violence or self-harm, at registration, triage or during mediation. Acknowledge it with POST /v1/red-alerts/{alertId}/acknowledgement. ' +
      'The payload carries no personal data; read the case through the API (masked, within your scope).',
    payload: CaseRedRiskPayloadDto,
  },
  'deadline.missed': {
    summary: '期限届满未完成 (a deadline on a case you sent was missed)',
    description:
      '案件来源单位（法院、派出所、信访局等）提交的案件，其法定或内部期限届满而未完成时推送。' +
      '\n\nSent to the partner that sent the case when one of its deadlines passes unmet: e.g. the 15-day labor mediation period, after which the parties may apply for arbitration.',
    payload: DeadlineMissedPayloadDto,
  },
  'case.registered': {
    summary: '案件已登记 (a case you are the source of was registered)',
    description:
      '由工作人员代为登记（如纸质移交）的、来源为贵单位的案件登记后推送；贵系统自己提交的登记不再回推（接口应答中已有案件编号）。' +
      '\n\nSent to the partner named as the source of a case registered by staff (e.g. a transfer received on paper). Your own registrations are not echoed: the answer carried the case number.',
    payload: CaseRegisteredPayloadDto,
  },
  'case.triaged': {
    summary: '案件已分流 (triage decided the road of a case you sent)',
    description:
      '受理进入调解、移交、不予受理、合并或上交上级单位时推送给案件来源单位。\n\nSent to the partner that sent the case when triage accepts it into a track, refers it out, rejects it (with the road explained), merges it into a duplicate, or escalates it to the unit above.',
    payload: CaseTriagedPayloadDto,
  },
  'case.referred': {
    summary: '移送法院 (a case was referred to a court)',
    description:
      '调解不成或协议未履行，中心将案件连同材料包移送法院时，推送给接收法院（读取 GET /v1/court-filings/{filingId} 取材料包，再回报接收、立案或退回），同时推送给案件来源单位。' +
      '\n\nSent to the receiving court (read the package at GET /v1/court-filings/{filingId}, then post receipt, registration or return) and to the partner that sent the case.',
    payload: CaseReferredPayloadDto,
  },
  'mediation.concluded': {
    summary: '调解终结 (the mediation of a case you sent ended)',
    description:
      '达成协议、调解不成（含当事人拒绝调解）或撤回时推送给案件来源单位。派出所据此了解调解并履行的情况（可依法不予处罚），法院另收 referral.result。' +
      '\n\nSent to the partner that sent the case when the mediation ends: agreement, failure (including a refusal to mediate) or withdrawal. A court that referred the case also gets referral.result.',
    payload: MediationConcludedPayloadDto,
  },
  'agreement.breached': {
    summary: '协议未履行 (an agreement on a case you sent was breached)',
    description:
      '调解协议中的一项义务被记录为未履行时推送，附法律开放的途径（司法确认后可申请强制执行、支付令、仲裁、诉讼）。\n\nSent to the partner that sent the case when an obligation is recorded as breached, with the roads the law opens for it.',
    payload: AgreementBreachedPayloadDto,
  },
  'case.closed': {
    summary: '案件办结 (a case you sent was closed, and how)',
    description:
      '结案时推送给案件来源单位，写明办结方式：调解并履行（派出所据此可依法不予处罚，程序规定第一百八十六条）、达成协议、调解不成、撤回。' +
      '\n\nSent to the partner that sent the case when it closes, with how: performed (mediated and kept, which lets a police station decide not to punish a public-order case), agreement, failed, withdrawn.',
    payload: CaseClosedPayloadDto,
  },
  'referral.materials_signed': {
    summary: '已签收委派（委托）材料 (the mediator signed for your materials: the clock runs)',
    description:
      '调解员签收法院移交材料之日起计算调解期限（委派三十日，委托十五日或七日，特邀调解规定第二十七条），推送截止时间。\n\nSent to the referring court with the end of the mediation period, which runs from the day after signing.',
    payload: ReferralMaterialsSignedPayloadDto,
  },
  'referral.result': {
    summary: '委派（委托）调解结果 (the result of a mediation you referred)',
    description:
      '达成协议：委派的协议送达当事人并报法院备案，委托的协议提交法院出具调解书或准许撤诉；协议全文经 GET /v1/court-referrals/{referralId} 读取。调解不成（含撤回）：书面报告并列明待退回材料，法院据此登记立案或恢复审理。' +
      '\n\nSent to the referring court when the mediation ends. Agreement: read it (text, obligations) with GET /v1/court-referrals/{referralId}. Failure or withdrawal: the report, with the materials to be returned.',
    payload: ReferralResultPayloadDto,
  },
  'referral.materials_returned': {
    summary: '材料已退回 (your materials were handed back)',
    description: '调解不成后退回法院移交材料时推送，列明退回和未退回的材料。\n\nSent to the referring court when its materials are handed back after a failed mediation.',
    payload: ReferralMaterialsReturnedPayloadDto,
  },
  'judicial_confirmation.applied': {
    summary: '司法确认申请 (the parties applied to your court for judicial confirmation)',
    description:
      '双方当事人自调解协议生效之日起三十日内共同申请司法确认，推送给受理法院；法院系统可回报立案（POST …/acceptance）和裁定（POST …/ruling）。' +
      '\n\nSent to the court the parties applied to. Post the filing and the ruling back to /v1/judicial-confirmations/{confirmationId}/acceptance and /ruling.',
    payload: JudicialConfirmationAppliedPayloadDto,
  },
  'judicial_confirmation.ruled': {
    summary: '司法确认裁定 (a judicial-confirmation ruling)',
    description:
      '裁定调解协议有效（可申请强制执行）或驳回申请（可变更协议、重新调解或起诉）时，推送给案件来源单位；由工作人员录入的裁定也推送给作出裁定的法院。' +
      '\n\nSent to the partner that sent the case, and to the ruling court when staff typed the ruling in from paper.',
    payload: JudicialConfirmationRuledPayloadDto,
  },
} satisfies Record<string, WebhookEventSpec>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;

/** Merged into every event's `data`, so a receiver that stores the body alone still has the ids. */
export class WebhookEventIdsDto {
  @ApiProperty({ format: 'uuid', example: '5e0a9f3c-1b2d-4e6f-8a7b-9c0d1e2f3a4b', description: '事件编号，与 webhook-id 头相同；重试时不变，请据此去重 (the event id, as in webhook-id; the same on every retry: deduplicate on it)' })
  eventId: string;
  @ApiProperty({ example: 'case', description: 'What the event is about' })
  subjectType: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '8c1f6d2a-3e4b-4c5d-9e6f-7a8b9c0d1e2f' })
  subjectId: string | null;
}

/** Every class the webhooks section refers to, for SwaggerModule's extraModels. */
export const WEBHOOK_SCHEMA_MODELS = [WebhookEventIdsDto, ...Object.values(WEBHOOK_EVENTS as Record<string, WebhookEventSpec>).map((e) => e.payload)];
