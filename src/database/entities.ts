import { ApiKeyEntity } from '../auth/api-key.entity';
import { PartnerEntity } from '../auth/partner.entity';
import { StaffUserEntity } from '../auth/staff-user.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { SystemSettingEntity } from './system-setting.entity';
import { CaseEntity } from '../cases/case.entity';
import { CasePartyEntity } from '../cases/case-party.entity';
import { CaseNumberSequenceEntity } from '../cases/case-number-sequence.entity';
import { IdempotencyKeyEntity } from '../common/idempotency/idempotency-key.entity';
import { TriageRuleSetEntity } from '../triage/triage-rule-set.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { OutboxEventEntity } from '../webhooks/outbox-event.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { CalendarDayEntity, CalendarYearEntity } from '../deadlines/calendar.entity';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlineEffectEntity } from '../deadlines/deadline-effect.entity';
import { SmsMessageEntity } from '../notifications/sms/sms-message.entity';
import { MediatorProfileEntity } from '../mediation/mediator-profile.entity';
import { CaseAssignmentEntity } from '../mediation/case-assignment.entity';
import { CaseConsentEntity } from '../mediation/case-consent.entity';
import { MediationSessionEntity } from '../mediation/mediation-session.entity';
import { AgreementEntity, ObligationEntity } from '../mediation/agreement.entity';
import { FollowUpVisitEntity } from '../mediation/follow-up.entity';
import { CourtReferralEntity } from '../court/court-referral.entity';
import { RedAlertEntity } from '../cases/red-alert.entity';
import { PoliceTransferEntity } from '../police/police-transfer.entity';
import { CourtFilingEntity } from '../court/court-filing.entity';
import { JudicialConfirmationEntity } from '../court/judicial-confirmation.entity';
import { PetitionEntity } from '../petitions/petition.entity';
import { PetitionerEntity } from '../petitions/petitioner.entity';
import { PetitionNumberSequenceEntity } from '../petitions/petition-number-sequence.entity';

// Indexes the reports' SQL relies on, declared on the entities above (see the file).
import '../reports/report-indexes';

/** The one list of entities, shared by the app, the migration CLI and the drift check. */
export const ENTITIES = [
  OrgUnitEntity, StaffUserEntity, PartnerEntity, ApiKeyEntity, SystemSettingEntity, AuditEventEntity,
  CaseEntity, CasePartyEntity, CaseNumberSequenceEntity, IdempotencyKeyEntity, TriageRuleSetEntity, NotificationEntity, OutboxEventEntity, WebhookEndpointEntity, WebhookDeliveryEntity,
  CalendarYearEntity, CalendarDayEntity, DeadlineEntity, DeadlineEffectEntity, SmsMessageEntity,
  MediatorProfileEntity, CaseAssignmentEntity, CaseConsentEntity, MediationSessionEntity, AgreementEntity, ObligationEntity, FollowUpVisitEntity,
  CourtReferralEntity, CourtFilingEntity, JudicialConfirmationEntity, RedAlertEntity, PoliceTransferEntity,
  PetitionEntity, PetitionerEntity, PetitionNumberSequenceEntity,
];
