/**
 * Catalogue of deadline kinds: the statutory default for every period the mediation center
 * tracks (DOMAIN.md §1), plus the center's internal targets (DESIGN.md §4).
 *
 * Why a catalogue and not constants at the call sites: a deadline row stores its legal basis,
 * unit, duration and extension rule (DESIGN.md §4), and a deployment may override durations per
 * jurisdiction (provinces shorten some limits, e.g. 浙江省信访条例 Art.20: 5 working days; DOMAIN.md
 * §1 footnote: "keep every duration configurable"). The statute stays the default; the override is
 * explicit and visible (`overridden`).
 *
 * Pure: no Nest, no I/O, no clock. Due dates are computed by period.ts.
 */
import { BusinessCalendar, computeDue, DueResult, PeriodUnit } from './period';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** Who must approve an extension. 'none': an internal target the assignee may move (with a reason). */
export type ExtensionApprovalKind =
  | 'head_approval'
  /** 上一级机关批准: the approval comes from the organ above, not this body's own head (治安管理处罚法 Art.99). */
  | 'higher_authority_approval'
  | 'both_parties_consent'
  | 'court_president_approval'
  | 'chair_approval'
  | 'none';

export interface ReminderOffset {
  before: number;
  unit: 'hours' | 'calendar_days' | 'working_days';
}

export interface DeadlineKindPolicy {
  kind: string;
  /** Chinese label shown to clerks. */
  label: string;
  unit: PeriodUnit;
  duration: number;
  legalBasis: {
    /** Chinese summary of the rule. */
    text: string;
    /** e.g. '劳动争议调解仲裁法 第十四条'. Internal targets say so (内部工作目标). */
    citation: string;
  };
  /** Chinese: what starts the clock. */
  trigger: string;
  /** false = the center's internal target, not a legal period. */
  statutory: boolean;
  extension?: {
    /** Longest extension, in the policy's unit; absent = no fixed maximum. */
    maxDuration?: number;
    requires: ExtensionApprovalKind;
    note: string;
  };
  /** Whether the law excludes some time from the period (appraisal, hearing, suspension...). */
  pausable: boolean;
  /** Chinese: what happens when the period runs out. */
  onMiss: string;
  reminderOffsets: ReminderOffset[];
  /** Set when DOMAIN.md marks part of the rule UNVERIFIED: says what. */
  unverified?: string;
}

type CatalogueEntry = Omit<DeadlineKindPolicy, 'kind'>;

// ---------------------------------------------------------------------------------------------
// The catalogue (DOMAIN.md §1; row ids in the comments)
// ---------------------------------------------------------------------------------------------

const CATALOGUE = {
  // P1. A month, not 30 days: 民法典 Art.202 ends a month period on the corresponding date.
  people_mediation: {
    label: '人民调解调结期限',
    unit: 'months',
    duration: 1,
    legalBasis: {
      text: '人民调解委员会调解纠纷，一般在一个月内调结。',
      citation: '人民调解工作若干规定（2002）第三十三条',
    },
    trigger: '人民调解委员会受理调解申请（或主动调解）之日',
    statutory: true,
    // "一般" makes this a soft target; local practice continues with the parties' consent, and
    // 人民调解法 Art.23 lets either party end the mediation at any time, so consent is the gate.
    extension: {
      requires: 'both_parties_consent',
      note: '软性目标；经双方当事人同意可以继续调解，无法定延长上限',
    },
    pausable: false,
    onMiss:
      '无法定后果；应评估是否经双方同意继续调解，或终止调解并告知当事人可以依法通过仲裁、行政、司法等途径维护权利（人民调解法第二十六条）',
    reminderOffsets: [
      { before: 7, unit: 'calendar_days' },
      { before: 2, unit: 'calendar_days' },
    ],
    unverified:
      '人民调解工作若干规定（2002）"一般在一个月内调结"是否仍有效未核实，[S2] 摘录未显示规章名称（DOMAIN.md §7 第2项）',
  },

  // P2. The parties apply jointly; the center reminds both, early enough to agree on filing.
  judicial_confirmation_application: {
    label: '申请司法确认期限',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。',
      citation: '人民调解法 第三十三条；民事诉讼法 第二百零五条',
    },
    trigger: '调解协议生效之日',
    statutory: true,
    pausable: false,
    onMiss:
      '不能再申请司法确认；调解协议仍具有法律约束力，就履行或协议内容发生争议的，当事人可以向人民法院提起诉讼（人民调解法第三十二条）',
    reminderOffsets: [
      { before: 10, unit: 'calendar_days' },
      { before: 3, unit: 'calendar_days' },
    ],
  },

  // P3. The 2011 SPC rule (15 days, P3b) is UNVERIFIED as still applied; DOMAIN.md says use P3.
  judicial_confirmation_decision: {
    label: '司法确认案件审结期限',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '人民法院适用特别程序审理的案件，应当在立案之日起三十日内审结；有特殊情况需要延长的，由本院院长批准。',
      citation: '民事诉讼法 第一百八十七条',
    },
    trigger: '人民法院立案之日',
    statutory: true,
    extension: {
      requires: 'court_president_approval',
      note: '有特殊情况需要延长的，由本院院长批准；法律未规定延长上限',
    },
    pausable: false,
    onMiss: '法院超过审限；应向法院了解进度，并提示当事人调解协议尚未取得强制执行力',
    reminderOffsets: [
      { before: 7, unit: 'calendar_days' },
      { before: 2, unit: 'calendar_days' },
    ],
  },

  // L1. Day 15 is the statutory hinge of the labor workflow (DOMAIN.md §4.2): the case becomes
  // eligible for arbitration, whatever the state of the mediation.
  labor_mediation: {
    label: '劳动争议调解期限',
    unit: 'calendar_days',
    duration: 15,
    legalBasis: {
      text: '自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁。',
      citation: '劳动争议调解仲裁法 第十四条',
    },
    trigger: '劳动争议调解组织收到调解申请之日',
    statutory: true,
    // No extension entry: the statute gives none, and how 企业劳动争议协商调解规定 (2011) treats an
    // extension is UNVERIFIED. Refusing is safer than inventing a rule that delays arbitration.
    pausable: false,
    onMiss:
      '当事人可以依法申请劳动争议仲裁；应告知当事人仲裁途径和仲裁时效（劳动争议调解仲裁法第十四条、第二十七条）',
    reminderOffsets: [
      { before: 3, unit: 'calendar_days' },
      { before: 1, unit: 'calendar_days' },
    ],
    unverified: '劳动争议调解期限能否延长、如何延长未核实（企业劳动争议协商调解规定（2011），DOMAIN.md §7 第3项）',
  },

  // L4. 12 months rather than 365 days: 民法典 Art.202 (leap years). Suspension (中止) stops the
  // clock, hence pausable; interruption (中断) restarts the whole year, i.e. a new deadline.
  labor_arbitration_limitation: {
    label: '劳动争议仲裁时效',
    unit: 'months',
    duration: 12,
    legalBasis: {
      text: '劳动争议申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算；因法定事由中断的，时效期间重新计算；因不可抗力或者其他正当理由不能申请的，时效中止。劳动关系存续期间因拖欠劳动报酬发生争议的，不受一年限制，但劳动关系终止的，应当自终止之日起一年内提出。',
      citation: '劳动争议调解仲裁法 第二十七条',
    },
    trigger: '当事人知道或者应当知道其权利被侵害之日（拖欠劳动报酬的，劳动关系终止之日）',
    statutory: true,
    pausable: true,
    onMiss: '超过仲裁时效；对方提出时效抗辩的，仲裁请求可能得不到支持（劳动关系存续期间拖欠劳动报酬的除外）',
    reminderOffsets: [
      { before: 30, unit: 'calendar_days' },
      { before: 7, unit: 'calendar_days' },
    ],
  },

  // L5. A bare "五日" is calendar days (DOMAIN.md header); whether the 2017 MOHRSS rules make it
  // working days is UNVERIFIED, so a deployment may override the unit.
  labor_arbitration_acceptance: {
    label: '仲裁受理决定期限',
    unit: 'calendar_days',
    duration: 5,
    legalBasis: {
      text: '劳动争议仲裁委员会收到仲裁申请之日起五日内，认为符合受理条件的，应当受理并通知申请人；认为不符合受理条件的，应当书面通知申请人不予受理并说明理由。对不予受理或者逾期未作出决定的，申请人可以就该劳动争议事项向人民法院提起诉讼。',
      citation: '劳动争议调解仲裁法 第二十九条',
    },
    trigger: '劳动争议仲裁委员会收到仲裁申请之日',
    statutory: true,
    pausable: false,
    onMiss: '仲裁委员会逾期未作出受理决定的，申请人可以就该劳动争议事项向人民法院提起诉讼',
    reminderOffsets: [{ before: 2, unit: 'calendar_days' }],
    unverified: '2017 年劳动人事争议仲裁办案规则是否将该五日规定为工作日未核实（DOMAIN.md §1 注、§7 第4项），可按地区覆盖',
  },

  // L7.
  labor_arbitration_award: {
    label: '劳动争议仲裁裁决期限',
    unit: 'calendar_days',
    duration: 45,
    legalBasis: {
      text: '仲裁庭裁决劳动争议案件，应当自劳动争议仲裁委员会受理仲裁申请之日起四十五日内结束；案情复杂需要延期的，经劳动争议仲裁委员会主任批准，可以延期并书面通知当事人，但延长期限不得超过十五日。逾期未作出仲裁裁决的，当事人可以就该劳动争议事项向人民法院提起诉讼。',
      citation: '劳动争议调解仲裁法 第四十三条',
    },
    trigger: '劳动争议仲裁委员会受理仲裁申请之日',
    statutory: true,
    extension: {
      maxDuration: 15,
      requires: 'chair_approval',
      note: '案情复杂需要延期的，经仲裁委员会主任批准并书面通知当事人，延长不超过十五日',
    },
    pausable: false,
    onMiss: '逾期未作出仲裁裁决的，当事人可以就该劳动争议事项向人民法院提起诉讼',
    reminderOffsets: [
      { before: 10, unit: 'calendar_days' },
      { before: 3, unit: 'calendar_days' },
    ],
  },

  // C1. Unlimited extension, but only with BOTH parties' consent (特邀调解规定 Art.27 ¶1).
  delegated_mediation_prefiling: {
    label: '委派调解（诉前）期限',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '人民法院委派调解的案件，调解期限为三十日；双方当事人同意延长调解期限的，不受此限。期限自特邀调解组织或者特邀调解员签字接收法院移交材料之日起计算。',
      citation: '最高人民法院关于人民法院特邀调解的规定 第二十七条',
    },
    trigger: '特邀调解组织或特邀调解员签字接收法院移交材料之日',
    statutory: true,
    extension: {
      requires: 'both_parties_consent',
      note: '双方当事人同意延长的，不受三十日限制；须记录双方同意',
    },
    pausable: false,
    onMiss:
      '未达成调解协议且双方未同意延长的，终止调解，向委派法院书面报告并移送材料（特邀调解规定第二十六条），由人民法院依法登记立案',
    reminderOffsets: [
      { before: 7, unit: 'calendar_days' },
      { before: 2, unit: 'calendar_days' },
    ],
  },

  // C2 (普通程序). Art.27 ¶2 sets no cap on a consented extension; the SPC 2025 意见 caps it at
  // 30 days, but its text is known only from a third-party copy. The cap is applied (stricter)
  // and the caveat kept, so a clerk sees why a 31-day extension is refused.
  entrusted_mediation_ordinary: {
    label: '委托调解（诉中·普通程序）期限',
    unit: 'calendar_days',
    duration: 15,
    legalBasis: {
      text: '人民法院委托调解的案件，适用普通程序的调解期限为十五日；双方当事人同意延长调解期限的，不受此限，延长的调解期限不计入审理期限。最高人民法院 2025 年意见：经当事人同意可以延长三十日。',
      citation:
        '最高人民法院关于人民法院特邀调解的规定 第二十七条；最高人民法院关于严格依法规范民事案件立案与调解工作的意见 第三项',
    },
    trigger: '特邀调解组织或特邀调解员签字接收法院移交材料之日',
    statutory: true,
    extension: {
      maxDuration: 30,
      requires: 'both_parties_consent',
      note: '双方当事人同意的可以延长，延长期限不计入审理期限；2025 年最高人民法院意见限定为延长三十日',
    },
    pausable: false,
    onMiss: '未达成调解协议且双方未同意延长的，终止调解，书面报告委托法院并移送材料，人民法院恢复审理',
    reminderOffsets: [
      { before: 3, unit: 'calendar_days' },
      { before: 1, unit: 'calendar_days' },
    ],
    unverified:
      '最高人民法院 2025 年意见第三项"延长30日"仅见第三方转载文本，未核对官方文本（DOMAIN.md [S12]、§7 第7项）；特邀调解规定第二十七条本身未设延长上限',
  },

  // C2 (简易程序): same rule, 7 days.
  entrusted_mediation_summary: {
    label: '委托调解（诉中·简易程序）期限',
    unit: 'calendar_days',
    duration: 7,
    legalBasis: {
      text: '人民法院委托调解的案件，适用简易程序的调解期限为七日；双方当事人同意延长调解期限的，不受此限，延长的调解期限不计入审理期限。最高人民法院 2025 年意见：经当事人同意可以延长三十日。',
      citation:
        '最高人民法院关于人民法院特邀调解的规定 第二十七条；最高人民法院关于严格依法规范民事案件立案与调解工作的意见 第三项',
    },
    trigger: '特邀调解组织或特邀调解员签字接收法院移交材料之日',
    statutory: true,
    extension: {
      maxDuration: 30,
      requires: 'both_parties_consent',
      note: '双方当事人同意的可以延长，延长期限不计入审理期限；2025 年最高人民法院意见限定为延长三十日',
    },
    pausable: false,
    onMiss: '未达成调解协议且双方未同意延长的，终止调解，书面报告委托法院并移送材料，人民法院恢复审理',
    reminderOffsets: [
      { before: 2, unit: 'calendar_days' },
      { before: 1, unit: 'calendar_days' },
    ],
    unverified:
      '最高人民法院 2025 年意见第三项"延长30日"仅见第三方转载文本，未核对官方文本（DOMAIN.md [S12]、§7 第7项）；特邀调解规定第二十七条本身未设延长上限',
  },

  // C4: three separate 3-working-day steps of the court mediation platform; each is its own
  // clock because each has a different actor and trigger.
  online_mediator_designation: {
    label: '在线调解：法院指定调解组织或调解员',
    unit: 'working_days',
    duration: 3,
    legalBasis: {
      text: '人民法院应当在收到当事人在线调解申请后三个工作日内指定调解组织或者调解员。',
      citation: '人民法院在线调解规则 第十条',
    },
    trigger: '人民法院收到当事人在线调解申请之日',
    statutory: true,
    pausable: false,
    onMiss: '法院逾期未指定调解组织或调解员；应提示法院及时指定',
    reminderOffsets: [{ before: 1, unit: 'working_days' }],
  },

  online_mediation_acceptance: {
    label: '在线调解：确认接受委派委托或调解申请',
    unit: 'working_days',
    duration: 3,
    legalBasis: {
      text: '调解组织或者调解员应当在收到人民法院委派委托调解信息或者当事人在线调解申请后三个工作日内确认接受；不予接受的应当写明理由。不予接受或者超过规定期限未予确认的，人民法院、当事人可以重新指定或者选定。',
      citation: '人民法院在线调解规则 第十二条',
    },
    trigger: '调解组织或调解员收到委派委托调解信息或当事人在线调解申请之日',
    statutory: true,
    pausable: false,
    onMiss: '人民法院、当事人可以重新指定或者选定调解组织或调解员，案件可能被改派',
    reminderOffsets: [{ before: 1, unit: 'working_days' }],
  },

  online_mediation_notify_other_party: {
    label: '在线调解：协助通知对方当事人',
    unit: 'working_days',
    duration: 3,
    legalBasis: {
      text: '对一方当事人立案前申请在线调解的，调解员可以在接受人民法院委派调解之日起三个工作日内协助人民法院通知对方当事人，询问是否同意调解；对方拒绝调解或者无法联系的，终结在线调解程序并退回材料。',
      citation: '人民法院在线调解规则 第十五条',
    },
    trigger: '调解员接受人民法院委派调解之日',
    statutory: true,
    pausable: false,
    onMiss: '应尽快联系对方当事人；无法联系的，写明原因，终结在线调解程序并将材料退回法院（在线调解规则第十五条第二款）',
    reminderOffsets: [{ before: 1, unit: 'working_days' }],
  },

  // X1. Provinces shorten this one (e.g. 浙江省信访条例 Art.20, 5 working days): the classic override.
  petition_routing: {
    label: '信访事项登记转送期限',
    unit: 'calendar_days',
    duration: 15,
    legalBasis: {
      text: '信访工作机构收到信访事项，应当予以登记，并区分情况，在十五日内分别按照规定方式处理（转送、交办或者告知信访人）。',
      citation: '信访工作条例 第二十二条；信访条例（2005）第二十一条',
    },
    trigger: '信访工作机构收到信访事项之日',
    statutory: true,
    pausable: false,
    onMiss: '超期未登记转送，属未依规履行信访工作职责，可能被督办、通报',
    reminderOffsets: [
      { before: 3, unit: 'calendar_days' },
      { before: 1, unit: 'calendar_days' },
    ],
  },

  // X3 (objection part). The 15-day acknowledgement of X3 is not catalogued separately.
  petition_jurisdiction_objection: {
    label: '转送交办信访事项异议期限',
    unit: 'working_days',
    duration: 5,
    legalBasis: {
      text: '有关机关、单位对转送、交办的信访事项，认为不属于本机关、单位职权范围的，应当自收到之日起五个工作日内提出异议，并详细说明理由。',
      citation: '信访工作条例 第二十三条第三款',
    },
    trigger: '有关机关、单位收到转送、交办的信访事项之日',
    statutory: true,
    pausable: false,
    // The 条例 states no consequence; this is the practical reading, flagged as such in the text.
    onMiss: '逾期未提出异议的，本机关、单位应当按照规定受理办理该信访事项（条例未明文规定后果，系实务推定）',
    reminderOffsets: [
      { before: 2, unit: 'working_days' },
      { before: 1, unit: 'working_days' },
    ],
  },

  // X4. The extension is capped (≤30 days), needs the head's approval, and the reason must be
  // given to the petitioner: validateExtension requires a reason for every extension.
  petition_handling: {
    label: '信访事项办理期限（申诉求决类）',
    unit: 'calendar_days',
    duration: 60,
    legalBasis: {
      text: '对属于本机关、单位职权范围的申诉求决类信访事项，应当自受理之日起六十日内办结，出具信访处理意见书；情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过三十日，并告知信访人延期理由。',
      citation: '信访工作条例 第三十四条；信访条例（2005）第三十三条',
    },
    trigger: '有权处理的机关、单位受理信访事项之日',
    statutory: true,
    extension: {
      maxDuration: 30,
      requires: 'head_approval',
      note: '情况复杂的，经本机关、单位负责人批准，延长不超过三十日，并告知信访人延期理由',
    },
    pausable: false,
    onMiss: '超期未出具信访处理意见书，属未依规履行职责，可能被督办、通报，并引发重复信访',
    reminderOffsets: [
      { before: 10, unit: 'calendar_days' },
      { before: 3, unit: 'calendar_days' },
    ],
  },

  // X5 (reply part). The clock is the reviewing organ's: it starts on receipt of the request,
  // not on the petitioner's receipt of the first reply (that starts the request window).
  petition_review: {
    label: '信访复查意见期限',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '信访人对信访处理意见不服的，可以自收到书面答复之日起三十日内请求原办理机关、单位的上一级机关、单位复查；收到复查请求的机关、单位应当自收到复查请求之日起三十日内提出复查意见，并予以书面答复。',
      citation: '信访工作条例 第三十五条；信访条例（2005）第三十四条',
    },
    trigger: '复查机关、单位收到复查请求之日',
    statutory: true,
    pausable: false,
    onMiss: '超期未提出复查意见，属未依规履行职责，可能被督办、通报',
    reminderOffsets: [
      { before: 7, unit: 'calendar_days' },
      { before: 2, unit: 'calendar_days' },
    ],
  },

  // X6. Hearing (听证) time is excluded by Art.36, hence pausable.
  petition_re_review: {
    label: '信访复核意见期限',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '信访人对复查意见不服的，可以自收到书面答复之日起三十日内向复查机关、单位的上一级机关、单位请求复核；收到复核请求的机关、单位应当自收到复核请求之日起三十日内提出复核意见。复核可以举行听证，听证所需时间不计算在期限内。信访人对复核意见不服，仍以同一事实和理由提出诉求的，不再受理。',
      citation: '信访工作条例 第三十六条；信访条例（2005）第三十五条',
    },
    trigger: '复核机关、单位收到复核请求之日',
    statutory: true,
    pausable: true,
    onMiss: '超期未提出复核意见，属未依规履行职责，可能被督办、通报',
    reminderOffsets: [
      { before: 7, unit: 'calendar_days' },
      { before: 2, unit: 'calendar_days' },
    ],
  },

  // M1. Working days; appraisal time excluded (pausable); extension by agreement, no cap.
  medical_committee_mediation: {
    label: '医疗纠纷人民调解期限',
    unit: 'working_days',
    duration: 30,
    legalBasis: {
      text: '医疗纠纷人民调解委员会应当自受理之日起30个工作日内完成调解。需要鉴定的，鉴定时间不计入调解期限。因特殊情况需要延长调解期限的，医疗纠纷人民调解委员会和医患双方可以约定延长调解期限。超过调解期限未达成调解协议的，视为调解不成。',
      citation: '医疗纠纷预防和处理条例 第三十八条',
    },
    trigger: '医疗纠纷人民调解委员会受理之日',
    statutory: true,
    extension: {
      requires: 'both_parties_consent',
      note: '因特殊情况，医疗纠纷人民调解委员会和医患双方可以约定延长调解期限，无法定上限',
    },
    pausable: true,
    onMiss: '视为调解不成；告知当事人可以依法向人民法院提起诉讼（医疗纠纷预防和处理条例第四十三条）',
    reminderOffsets: [
      { before: 5, unit: 'working_days' },
      { before: 2, unit: 'working_days' },
    ],
  },

  // M2, first step: the health authority decides whether to accept.
  medical_admin_mediation_acceptance: {
    label: '医疗纠纷行政调解受理决定期限',
    unit: 'working_days',
    duration: 5,
    legalBasis: {
      text: '卫生主管部门应当自收到医疗纠纷行政调解申请之日起5个工作日内作出是否受理的决定。',
      citation: '医疗纠纷预防和处理条例 第四十条',
    },
    trigger: '县级人民政府卫生主管部门收到行政调解申请之日',
    statutory: true,
    pausable: false,
    onMiss: '卫生主管部门逾期未作出决定；可提示当事人申请医疗纠纷人民调解或者向人民法院提起诉讼（条例第四十三条）',
    reminderOffsets: [{ before: 1, unit: 'working_days' }],
  },

  // M2, second step. Art.40 ¶3 also excludes appraisal time (DOMAIN.md's row omits it), and,
  // unlike M1, allows no extension.
  medical_admin_mediation: {
    label: '医疗纠纷行政调解期限',
    unit: 'working_days',
    duration: 30,
    legalBasis: {
      text: '卫生主管部门应当自受理之日起30个工作日内完成调解。需要鉴定的，鉴定时间不计入调解期限。超过调解期限未达成调解协议的，视为调解不成。',
      citation: '医疗纠纷预防和处理条例 第四十条',
    },
    trigger: '卫生主管部门受理行政调解申请之日',
    statutory: true,
    pausable: true,
    onMiss: '视为调解不成；当事人可以依法向人民法院提起诉讼（医疗纠纷预防和处理条例第四十三条）',
    reminderOffsets: [
      { before: 5, unit: 'working_days' },
      { before: 2, unit: 'working_days' },
    ],
  },

  // PO1 (first session only; the optional second session ≤7 WD later is not catalogued).
  police_mediation_first_session: {
    label: '治安调解首次调解期限',
    unit: 'working_days',
    duration: 3,
    legalBasis: {
      text: '对符合调解条件的治安案件，公安机关应当自受理之日起，或者自伤情鉴定、价值认定结论出具之日起，三个工作日内进行首次调解；未达成协议的，可以在七个工作日内再调解一次，调解一般不超过两次。',
      citation: '公安机关治安调解工作规范（2007）第九条；公安机关办理行政案件程序规定 第一百八十三条',
    },
    trigger: '公安机关受理案件之日，或伤情鉴定、价值认定结论出具之日',
    statutory: true,
    pausable: false,
    onMiss: '逾期未组织首次调解；应尽快安排，调解不成的由公安机关依法处理，并告知当事人可以提起民事诉讼',
    reminderOffsets: [{ before: 1, unit: 'working_days' }],
    unverified:
      '治安调解工作规范（2007）第九条仅见截断摘录（DOMAIN.md [S17]）；2026-01-01 施行的新治安管理处罚法可能导致程序规定修订（§7 第1项）',
  },

  // PO2. The statute says "经上一级公安机关批准"; the approval kinds have no "higher organ", so
  // head_approval records it and `by` must name the approving higher-level organ.
  public_order_case: {
    label: '治安案件办理期限',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '公安机关办理治安案件的期限，自受理之日起不得超过三十日；案情重大、复杂的，经上一级公安机关批准，可以延长三十日。经调解未达成协议或者达成协议后不履行的，办案期限自调解未达成协议或者调解协议不履行之日起计算。',
      citation: '治安管理处罚法（2012）第九十九条；公安机关办理行政案件程序规定 第一百六十五条、第一百八十五条',
    },
    trigger: '公安机关受理之日；经调解的，自调解未达成协议或调解协议不履行之日',
    statutory: true,
    extension: {
      maxDuration: 30,
      requires: 'higher_authority_approval',
      note: '案情重大、复杂的，经上一级公安机关批准，可以延长三十日；批准人记为上一级公安机关及其负责人',
    },
    pausable: false,
    onMiss: '公安机关超期办案；应跟进办理进度，并告知当事人可以就民事争议依法提起诉讼',
    reminderOffsets: [
      { before: 7, unit: 'calendar_days' },
      { before: 2, unit: 'calendar_days' },
    ],
    unverified:
      '2025 年修订的治安管理处罚法（2026-01-01 施行）关于办案期限的条文号和内容未核实，程序规定可能随之修订（DOMAIN.md §7 第1项）',
  },

  // F1. The first 30 days; the second 30-day window (both must request the certificate) starts
  // when this one ends and is a separate deadline.
  divorce_cooling_off: {
    label: '离婚冷静期',
    unit: 'calendar_days',
    duration: 30,
    legalBasis: {
      text: '自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。期间届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，视为撤回离婚登记申请。',
      citation: '民法典 第一千零七十七条',
    },
    trigger: '婚姻登记机关收到离婚登记申请之日',
    statutory: true,
    pausable: false,
    onMiss: '冷静期届满；此后三十日内双方应当亲自申请发给离婚证，未申请的视为撤回离婚登记申请',
    reminderOffsets: [{ before: 3, unit: 'calendar_days' }],
  },

  // F2. Hours, so never rolled off holidays (period.ts): protection is urgent, not office work.
  protection_order: {
    label: '人身安全保护令作出期限',
    unit: 'hours',
    duration: 72,
    legalBasis: {
      text: '人民法院受理人身安全保护令申请后，应当在七十二小时内作出人身安全保护令或者驳回申请；情况紧急的，应当在二十四小时内作出。',
      citation: '反家庭暴力法 第二十八条',
    },
    trigger: '人民法院受理人身安全保护令申请之时',
    statutory: true,
    pausable: false,
    onMiss: '法院超时未作出；应立即联系法院跟进，并评估申请人安全，必要时协助报警',
    reminderOffsets: [
      { before: 24, unit: 'hours' },
      { before: 6, unit: 'hours' },
    ],
  },

  protection_order_urgent: {
    label: '人身安全保护令作出期限（情况紧急）',
    unit: 'hours',
    duration: 24,
    legalBasis: {
      text: '人民法院受理人身安全保护令申请后，情况紧急的，应当在二十四小时内作出人身安全保护令或者驳回申请。',
      citation: '反家庭暴力法 第二十八条',
    },
    trigger: '人民法院受理人身安全保护令申请之时',
    statutory: true,
    pausable: false,
    onMiss: '法院超时未作出；应立即联系法院跟进，并评估申请人安全，必要时协助报警',
    reminderOffsets: [
      { before: 6, unit: 'hours' },
      { before: 2, unit: 'hours' },
    ],
  },

  // ---- Internal targets (statutory: false). DESIGN.md §4: "triage within 1 working day". ----

  // Triage must be quick because 人民调解法 Art.17 (a clear refusal ends mediation) and Art.25
  // (report disputes that may escalate) both depend on it.
  triage: {
    label: '分流研判（内部目标）',
    unit: 'working_days',
    duration: 1,
    legalBasis: {
      text: '中心内部工作目标：收到纠纷后一个工作日内完成分流研判（受理范围、调解意愿、风险等级、是否需报告公安机关）。一方明确拒绝调解的不得调解，可能激化的纠纷应当及时报告。',
      citation: '内部工作目标（非法定期限）；参照人民调解法 第十七条、第二十五条',
    },
    trigger: '中心登记收到纠纷之时',
    statutory: false,
    extension: { requires: 'none', note: '内部目标，承办人可调整，须记录理由' },
    pausable: false,
    onMiss: '标记逾期并通知部门负责人（内部考核，无法律后果）',
    reminderOffsets: [{ before: 4, unit: 'hours' }],
  },

  first_session: {
    label: '首次调解（内部目标）',
    unit: 'working_days',
    duration: 3,
    legalBasis: {
      text: '中心内部工作目标：受理后三个工作日内组织首次调解或首次联系各方当事人，参照治安调解首次调解三个工作日的要求。',
      citation: '内部工作目标（非法定期限）；参照公安机关治安调解工作规范（2007）第九条',
    },
    trigger: '中心受理调解申请之日',
    statutory: false,
    extension: { requires: 'none', note: '内部目标，承办人可调整，须记录理由' },
    pausable: false,
    onMiss: '标记逾期并通知部门负责人（内部考核，无法律后果）',
    reminderOffsets: [{ before: 1, unit: 'working_days' }],
  },

  // The committee must supervise performance (人民调解法 Art.31); a visit a week after the
  // agreement takes effect is how the center does that.
  follow_up_visit: {
    label: '调解回访（内部目标）',
    unit: 'calendar_days',
    duration: 7,
    legalBasis: {
      text: '中心内部工作目标：调解协议生效后七日内回访，了解履行情况。人民调解委员会应当对调解协议的履行情况进行监督，督促当事人履行约定的义务。',
      citation: '内部工作目标（非法定期限）；参照人民调解法 第三十一条',
    },
    trigger: '调解协议生效之日',
    statutory: false,
    extension: { requires: 'none', note: '内部目标，承办人可调整，须记录理由' },
    pausable: false,
    onMiss: '标记逾期并通知部门负责人（内部考核，无法律后果）',
    reminderOffsets: [{ before: 1, unit: 'calendar_days' }],
    unverified: '2002 年人民调解工作若干规定中关于回访的条文未核实（DOMAIN.md §3、§7 第2项）',
  },
} satisfies Record<string, CatalogueEntry>;

export type DeadlineKind = keyof typeof CATALOGUE;

export const DEADLINE_KIND_IDS: readonly DeadlineKind[] = Object.freeze(Object.keys(CATALOGUE) as DeadlineKind[]);

/** Deep-frozen: the catalogue is shared by every request; a stray mutation would change the law. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const DEADLINE_KINDS: Readonly<Record<DeadlineKind, DeadlineKindPolicy>> = deepFreeze(
  Object.fromEntries(
    DEADLINE_KIND_IDS.map((kind) => [kind, { kind, ...(CATALOGUE[kind] as CatalogueEntry) }]),
  ) as Record<DeadlineKind, DeadlineKindPolicy>,
);

export function isDeadlineKind(value: string): value is DeadlineKind {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

// ---------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------

const PERIOD_UNITS: readonly PeriodUnit[] = ['calendar_days', 'working_days', 'months', 'hours'];

/**
 * Nominal length in hours, to compare a reminder offset with its period across units. A working
 * day counts as one day and a month as 28 days (the shortest), so the comparison is conservative:
 * a reminder that passes always lies after the start. The scheduler computes the real instant.
 */
function nominalHours(amount: number, unit: PeriodUnit | ReminderOffset['unit']): number {
  switch (unit) {
    case 'hours':
      return amount;
    case 'calendar_days':
    case 'working_days':
      return amount * 24;
    case 'months':
      return amount * 28 * 24;
  }
}

/** Whether a reminder offset is a positive integer and shorter than the period it belongs to. */
export function reminderFitsPeriod(offset: ReminderOffset, unit: PeriodUnit, duration: number): boolean {
  return (
    Number.isInteger(offset.before) &&
    offset.before > 0 &&
    nominalHours(offset.before, offset.unit) < nominalHours(duration, unit)
  );
}

// ---------------------------------------------------------------------------------------------
// Per-deployment overrides
// ---------------------------------------------------------------------------------------------

export type DeadlineKindOverrides = Partial<Record<DeadlineKind, { duration?: number; unit?: PeriodUnit }>>;

export interface ResolvedDeadlinePolicy extends DeadlineKindPolicy {
  kind: DeadlineKind;
  /** True when the deployment's override changed the unit or the duration. */
  overridden: boolean;
  /** The catalogue (statutory) figures, so the explanation can show what was replaced. */
  catalogueDefault: { unit: PeriodUnit; duration: number };
}

/**
 * The effective policy for a kind: the catalogue entry with the deployment's override applied.
 * Throws RangeError on an unknown kind or an invalid override (overrides come from configuration,
 * and a bad one must fail loudly rather than produce a wrong legal deadline).
 *
 * - duration must stay a positive integer; unit must be a PeriodUnit.
 * - Changing the unit of a kind whose extension has a maximum is refused: the maximum is in the
 *   statute's unit ("不得超过三十日"), and reading it in another unit would change the law.
 * - Reminder offsets no longer shorter than the (shortened) period are dropped: they would fire
 *   before the clock starts.
 * The result is a fresh object; the frozen catalogue is never handed out for mutation.
 */
export function resolvePolicy(kind: DeadlineKind, overrides?: DeadlineKindOverrides): ResolvedDeadlinePolicy {
  if (typeof kind !== 'string' || !isDeadlineKind(kind)) {
    throw new RangeError(`Unknown deadline kind: ${JSON.stringify(kind)}`);
  }
  const base = DEADLINE_KINDS[kind];
  const override = overrides && Object.prototype.hasOwnProperty.call(overrides, kind) ? overrides[kind] : undefined;

  let unit = base.unit;
  let duration = base.duration;
  if (override !== undefined && override !== null) {
    if (override.duration !== undefined) {
      if (typeof override.duration !== 'number' || !Number.isInteger(override.duration) || override.duration <= 0) {
        throw new RangeError(`Override for ${kind}: duration must be a positive integer, got ${String(override.duration)}`);
      }
      duration = override.duration;
    }
    if (override.unit !== undefined) {
      if (!PERIOD_UNITS.includes(override.unit)) {
        throw new RangeError(`Override for ${kind}: unknown unit ${JSON.stringify(override.unit)}`);
      }
      if (override.unit !== base.unit && base.extension?.maxDuration !== undefined) {
        throw new RangeError(
          `Override for ${kind}: cannot change the unit from ${base.unit} to ${override.unit}, ` +
            `the extension maximum (${base.extension.maxDuration}) is stated in ${base.unit}`,
        );
      }
      unit = override.unit;
    }
  }

  return {
    ...base,
    kind,
    unit,
    duration,
    legalBasis: { ...base.legalBasis },
    ...(base.extension ? { extension: { ...base.extension } } : {}),
    reminderOffsets: base.reminderOffsets.filter((o) => reminderFitsPeriod(o, unit, duration)).map((o) => ({ ...o })),
    overridden: unit !== base.unit || duration !== base.duration,
    catalogueDefault: { unit: base.unit, duration: base.duration },
  };
}

// ---------------------------------------------------------------------------------------------
// Due date of a kind
// ---------------------------------------------------------------------------------------------

export type KindDueResult = DueResult & { policy: ResolvedDeadlinePolicy };

/** computeDue with the kind's effective unit and duration, returned with the policy used. */
export function computeKindDue(
  kind: DeadlineKind,
  start: Date,
  calendar: BusinessCalendar,
  overrides?: DeadlineKindOverrides,
): KindDueResult {
  const policy = resolvePolicy(kind, overrides);
  const due = computeDue({ start, unit: policy.unit, duration: policy.duration, calendar });
  return { ...due, policy };
}

// ---------------------------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------------------------

export interface ExtensionApproval {
  kind: ExtensionApprovalKind;
  /** Who approved (or, for consent, which parties consented). */
  by: string;
  /** Why: DESIGN.md §4 records it, and 信访工作条例 Art.34 requires telling the petitioner. */
  reason: string;
}

export type ExtensionCheck = { ok: true } | { ok: false; reason: string };

export const APPROVAL_LABELS: Readonly<Record<ExtensionApprovalKind, string>> = Object.freeze({
  head_approval: '负责人批准',
  higher_authority_approval: '上一级机关批准',
  both_parties_consent: '双方当事人同意',
  court_president_approval: '本院院长批准',
  chair_approval: '劳动争议仲裁委员会主任批准',
  none: '无需批准',
});

const UNIT_LABELS: Readonly<Record<PeriodUnit, string>> = {
  calendar_days: '日',
  working_days: '个工作日',
  months: '个月',
  hours: '小时',
};

/**
 * Whether an extension of `requestedDuration` (in the policy's unit, added to the period) may be
 * granted. Enforces the kind's extension rule: that one exists, the maximum, the required
 * approval kind, and that the approver and the reason are recorded. Reasons are Chinese, for
 * the clerk. It does not compute the new due date.
 */
export function validateExtension(
  policy: DeadlineKindPolicy,
  requestedDuration: number,
  approval?: ExtensionApproval,
  /** Units already granted by earlier extensions: the statutory maximum is for all of them together. */
  alreadyExtended = 0,
): ExtensionCheck {
  const rule = policy.extension;
  const unitLabel = UNIT_LABELS[policy.unit];
  if (!rule) {
    const caveat = policy.unverified ? `（注：${policy.unverified}）` : '';
    return { ok: false, reason: `「${policy.label}」没有可适用的延期规定，不得延长${caveat}` };
  }
  if (typeof requestedDuration !== 'number' || !Number.isInteger(requestedDuration) || requestedDuration <= 0) {
    return { ok: false, reason: `延长期限须为正整数，收到：${String(requestedDuration)}` };
  }
  if (rule.maxDuration !== undefined && requestedDuration > rule.maxDuration) {
    return {
      ok: false,
      reason: `「${policy.label}」延长期限不得超过${rule.maxDuration}${unitLabel}，申请延长${requestedDuration}${unitLabel}`,
    };
  }
  // "延长期限不得超过三十日" caps the extension, not each request: two of 20 days are 40.
  if (rule.maxDuration !== undefined && alreadyExtended > 0 && requestedDuration + alreadyExtended > rule.maxDuration) {
    return {
      ok: false,
      reason: `「${policy.label}」延长期限累计不得超过${rule.maxDuration}${unitLabel}，已延长${alreadyExtended}${unitLabel}，申请再延长${requestedDuration}${unitLabel}`,
    };
  }
  if (!approval) {
    return { ok: false, reason: `延长「${policy.label}」须经${APPROVAL_LABELS[rule.requires]}，并记录批准人和理由` };
  }
  if (rule.requires !== 'none' && approval.kind !== rule.requires) {
    return {
      ok: false,
      reason: `延长「${policy.label}」须经${APPROVAL_LABELS[rule.requires]}，不能以${APPROVAL_LABELS[approval.kind] ?? String(approval.kind)}代替`,
    };
  }
  if (typeof approval.by !== 'string' || approval.by.trim() === '') {
    return { ok: false, reason: `延长「${policy.label}」须载明批准人（或表示同意的当事人）` };
  }
  if (typeof approval.reason !== 'string' || approval.reason.trim() === '') {
    return { ok: false, reason: `延长「${policy.label}」须说明延期理由` };
  }
  return { ok: true };
}
