/**
 * The dispute taxonomy (DESIGN.md §3). Codes are stable identifiers stored on cases and in the
 * triage rules; labels are what the front desk shows. A category belongs to exactly one track,
 * because the track is the mediation policy (time limit, required facts, where failure leads).
 *
 * Subcategory codes are unique across categories (except `other`), so a stored subcategory means
 * the same thing wherever it appears and the API can validate it with one list.
 */

export const TRACKS = ['family', 'labor', 'property', 'general'] as const;
export type Track = (typeof TRACKS)[number];

export const TRACK_LABELS: Readonly<Record<Track, string>> = {
  family: '婚姻家庭',
  labor: '劳动争议',
  property: '物业纠纷',
  general: '综合',
};

interface CategoryDefinition {
  readonly label: string;
  readonly track: Track;
  readonly subcategories: Readonly<Record<string, string>>;
}

export const TAXONOMY = {
  marriage_family: {
    label: '婚姻家庭',
    track: 'family',
    subcategories: {
      divorce: '离婚',
      custody: '抚养',
      elder_support: '赡养',
      spousal_support: '扶养',
      inheritance: '继承',
      domestic_violence: '家庭暴力',
      other: '其他',
    },
  },
  labor: {
    label: '劳动争议',
    track: 'labor',
    subcategories: {
      wage_arrears: '欠薪',
      work_injury: '工伤',
      contract_termination: '解除劳动合同/经济补偿',
      social_insurance: '社会保险',
      other: '其他',
    },
  },
  property_management: {
    label: '物业纠纷',
    track: 'property',
    subcategories: {
      property_fee: '物业费',
      service_quality: '物业服务',
      repair_leak: '维修/漏水',
      owners_committee: '业主委员会',
      parking: '停车',
      other: '其他',
    },
  },
  neighbour: {
    label: '邻里纠纷',
    track: 'general',
    subcategories: {
      noise: '噪音扰民',
      light_ventilation: '采光/通风',
      passage: '通行/占道',
      boundary: '相邻边界/搭建',
      pets: '饲养动物',
      other: '其他',
    },
  },
  medical: {
    label: '医疗纠纷',
    track: 'general',
    subcategories: {
      treatment_injury: '诊疗损害',
      misdiagnosis: '误诊/漏诊',
      medical_fee: '医疗收费',
      other: '其他',
    },
  },
  consumer: {
    label: '消费纠纷',
    track: 'general',
    subcategories: {
      refund: '退款/退货',
      product_quality: '商品质量',
      prepaid_card: '预付卡',
      online_shopping: '网络购物',
      service_consumption: '服务消费',
      other: '其他',
    },
  },
  traffic: {
    label: '交通事故',
    track: 'general',
    subcategories: {
      traffic_injury: '人身损害',
      vehicle_damage: '车辆损失',
      insurance_claim: '保险理赔',
      other: '其他',
    },
  },
  commercial: {
    label: '合同/借贷',
    track: 'general',
    subcategories: {
      private_loan: '民间借贷',
      sales_contract: '买卖合同/货款',
      construction_contract: '建设工程/工程款',
      lease: '租赁',
      other: '其他',
    },
  },
  land: {
    label: '土地/宅基地/山林',
    track: 'general',
    subcategories: {
      homestead: '宅基地',
      contracted_land: '土地承包',
      forest_land: '山林/林地',
      land_expropriation: '征地/拆迁补偿',
      other: '其他',
    },
  },
  other: {
    label: '其他',
    track: 'general',
    subcategories: {
      environment: '环境污染',
      campus: '校园',
      other: '其他',
    },
  },
} as const satisfies Readonly<Record<string, CategoryDefinition>>;

export type Category = keyof typeof TAXONOMY;
export type SubcategoryOf<C extends Category> = keyof (typeof TAXONOMY)[C]['subcategories'] & string;
export type Subcategory = { [C in Category]: SubcategoryOf<C> }[Category];

export const CATEGORY_CODES = Object.keys(TAXONOMY) as readonly Category[];

export const SUBCATEGORY_CODES: readonly Subcategory[] = [
  ...new Set(CATEGORY_CODES.flatMap((c) => Object.keys(TAXONOMY[c].subcategories) as Subcategory[])),
];

export const CATEGORY_LABELS = Object.fromEntries(CATEGORY_CODES.map((c) => [c, TAXONOMY[c].label])) as Readonly<Record<Category, string>>;

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && Object.hasOwn(TAXONOMY, value);
}

export function trackOfCategory(category: Category): Track {
  return TAXONOMY[category].track;
}

export function subcategoriesOf<C extends Category>(category: C): readonly SubcategoryOf<C>[] {
  return Object.keys(TAXONOMY[category].subcategories) as SubcategoryOf<C>[];
}

/** The DTOs check category and subcategory separately; this checks that they belong together. */
export function isSubcategoryOf(category: Category, subcategory: unknown): subcategory is Subcategory {
  return typeof subcategory === 'string' && Object.hasOwn(TAXONOMY[category].subcategories, subcategory);
}

export function subcategoryLabel(category: Category, subcategory: string): string | undefined {
  const labels: Readonly<Record<string, string>> = TAXONOMY[category].subcategories;
  return Object.hasOwn(labels, subcategory) ? labels[subcategory] : undefined;
}

/**
 * Flags a clerk ticks on a party. They raise the risk level because these people are the ones a
 * stalled dispute harms first, and several of them (minors, pregnant women) change the legal road
 * as well (e.g. 民法典 Art.1082, DOMAIN.md F3).
 */
export const VULNERABLE_FLAGS = {
  elderly_alone: '独居/孤寡老人',
  minor: '未成年人',
  disabled: '残疾人',
  released_prisoner: '刑满释放人员',
  pregnant: '孕期/哺乳期妇女',
  serious_illness: '重病患者',
  low_income: '低保/低收入',
  veteran: '退役军人',
} as const;

export type VulnerableFlag = keyof typeof VULNERABLE_FLAGS;
export const VULNERABLE_FLAG_CODES = Object.keys(VULNERABLE_FLAGS) as readonly VulnerableFlag[];

export function isVulnerableFlag(value: unknown): value is VulnerableFlag {
  return typeof value === 'string' && Object.hasOwn(VULNERABLE_FLAGS, value);
}
