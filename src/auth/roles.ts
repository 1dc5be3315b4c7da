export const STAFF_ROLES = ['admin', 'director', 'intake_clerk', 'mediator', 'petition_officer', 'leader', 'grid_worker', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: '系统管理员',
  director: '中心主任',
  intake_clerk: '受理窗口人员',
  mediator: '调解员',
  petition_officer: '信访干部',
  leader: '包案领导',
  grid_worker: '网格员',
  auditor: '审计督查人员',
};

export const PARTNER_KINDS = ['court', 'police', 'petition_bureau', 'hotline', 'grid'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  court: '人民法院（诉调对接）',
  police: '公安派出所（警调对接）',
  petition_bureau: '信访局',
  hotline: '12345 政务服务热线',
  grid: '网格化管理平台',
};
