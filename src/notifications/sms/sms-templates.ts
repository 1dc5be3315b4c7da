/**
 * The texts the center sends to parties. Chinese, short (a 70-character segment costs one
 * message), and without personal data beyond what the recipient already knows: a case number,
 * a time, a place. Parameters are filled strictly: a missing one is an error, never "undefined"
 * in a legal notice.
 */
export const SMS_TEMPLATES = {
  labor_arbitration_eligible: {
    label: '告知可申请劳动仲裁',
    text: '您的劳动争议调解（{caseNumber}）自收到申请之日起十五日内未达成协议，您可以依法向劳动人事争议仲裁委员会申请仲裁，仲裁时效为一年。详询{unitName}。',
  },
  session_notice: {
    label: '调解会议通知',
    text: '您的纠纷（{caseNumber}）定于{time}在{place}调解，请准时参加。如需改期请联系调解员{mediatorName}。',
  },
  session_reminder: {
    label: '调解会议前一日提醒',
    text: '提醒：您的纠纷（{caseNumber}）明天{time}在{place}调解，请准时参加并携带身份证件。如有变化请联系调解员{mediatorName}。',
  },
  session_cancelled: {
    label: '调解会议取消通知',
    text: '您的纠纷（{caseNumber}）原定于{time}的调解已取消，请勿前往。如有疑问请联系调解员{mediatorName}。',
  },
  obligation_reminder: {
    label: '协议履行提醒',
    text: '提醒：按调解协议（{caseNumber}），{obligation}应于{dueDate}前履行。如有困难请联系{unitName}。',
  },
  follow_up_visit: {
    label: '回访通知',
    text: '{unitName}将就您的纠纷（{caseNumber}）进行回访，了解协议履行和您对调解工作的评价，感谢配合。',
  },
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;

export function isSmsTemplate(code: string): code is SmsTemplate {
  return Object.prototype.hasOwnProperty.call(SMS_TEMPLATES, code);
}

export function renderSms(template: SmsTemplate, params: Record<string, string>, signature: string): string {
  const body = SMS_TEMPLATES[template].text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (typeof value !== 'string' || value.trim() === '') throw new RangeError(`SMS template ${template}: parameter ${key} is missing`);
    return value;
  });
  return `${signature}${body}`;
}
