/**
 * Every error the API can return, by stable code. Clients branch on `code`, never on text, so a
 * code is never renamed or reused once released; titles and details may be reworded freely.
 * `detail` templates take {named} parameters from the error that is thrown.
 */
export interface ErrorSpec {
  status: number;
  title: { zh: string; en: string };
  detail: { zh: string; en: string };
}

const spec = (status: number, zhTitle: string, enTitle: string, zhDetail: string, enDetail: string): ErrorSpec => ({
  status,
  title: { zh: zhTitle, en: enTitle },
  detail: { zh: zhDetail, en: enDetail },
});

export const ERROR_CATALOG = {
  'REQUEST.VALIDATION_FAILED': spec(400, '请求参数有误', 'Invalid request', '请求中有 {fieldErrorCount} 处错误，详见 errors。', 'The request has {fieldErrorCount} invalid field(s); see errors.'),
  'REQUEST.MALFORMED_BODY': spec(400, '请求体无法解析', 'Malformed request body', '请求体不是合法的 JSON。', 'The request body is not valid JSON.'),
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': spec(415, '不支持的内容类型', 'Unsupported media type', '请以 application/json 提交。', 'Send the body as application/json.'),
  'REQUEST.PAYLOAD_TOO_LARGE': spec(413, '请求体过大', 'Payload too large', '请求体超过了 {limit} 的上限。', 'The request body exceeds the {limit} limit.'),
  'REQUEST.INVALID_CURSOR': spec(400, '分页游标无效', 'Invalid cursor', '参数 cursor 无效或已过期，请从第一页重新查询。', 'The cursor is invalid or stale; start again from the first page.'),
  'REQUEST.ROUTE_NOT_FOUND': spec(404, '接口不存在', 'No such route', '没有 {method} {path} 这个接口。', 'There is no route {method} {path}.'),
  'REQUEST.PRECONDITION_REQUIRED': spec(428, '缺少 If-Match', 'If-Match required', '修改前请先读取资源，并在 If-Match 头中带上它的 ETag。', 'Read the resource first and send its ETag in If-Match.'),
  'REQUEST.PRECONDITION_FAILED': spec(412, '资源已被他人修改', 'Resource changed', '资源已被修改（当前 ETag {current}），请重新读取后再提交。', 'The resource has changed (current ETag {current}); read it again and retry.'),
  'REQUEST.TOO_MANY': spec(429, '请求过于频繁', 'Too many requests', '请在 {retryAfter} 秒后重试。', 'Retry after {retryAfter} seconds.'),

  'AUTH.UNAUTHENTICATED': spec(401, '未登录', 'Not signed in', '请使用 Authorization: Bearer 令牌或 X-Api-Key 调用此接口。', 'Call this route with an Authorization: Bearer token or an X-Api-Key.'),
  'AUTH.INVALID_CREDENTIALS': spec(401, '用户名或密码错误', 'Wrong username or password', '用户名或密码错误。', 'The username or password is wrong.'),
  'AUTH.ACCOUNT_LOCKED': spec(429, '登录失败次数过多', 'Too many failed sign-ins', '该账号连续登录失败次数过多，请在 {retryAfter} 秒后再试。', 'Too many failed sign-ins for this account; try again in {retryAfter} seconds.'),
  'AUTH.TOKEN_EXPIRED': spec(401, '登录已过期', 'Token expired', '令牌已过期，请重新登录。', 'The token has expired; sign in again.'),
  'AUTH.INVALID_TOKEN': spec(401, '令牌无效', 'Invalid token', '令牌无效或已被注销，请重新登录。', 'The token is invalid or has been revoked; sign in again.'),
  'AUTH.INVALID_API_KEY': spec(401, 'API 密钥无效', 'Invalid API key', 'X-Api-Key 无效、已吊销或所属单位已停用。', 'The X-Api-Key is invalid, revoked, or its partner is disabled.'),
  'AUTH.FORBIDDEN': spec(403, '无权操作', 'Forbidden', '当前身份（{actor}）无权执行此操作。', 'Your identity ({actor}) may not do this.'),
  'AUTH.WRONG_PASSWORD': spec(422, '原密码错误', 'Current password is wrong', '原密码错误，密码未修改。', 'The current password is wrong; nothing was changed.'),

  'ORG_UNIT.NOT_FOUND': spec(404, '单位不存在', 'Unit not found', '单位 {id} 不存在，或不在您的管辖范围内。', 'Unit {id} does not exist or is outside your scope.'),
  'ORG_UNIT.CODE_TAKEN': spec(409, '区划代码已被使用', 'Code already used', '区划代码 {code} 已被单位“{name}”使用。', 'Code {code} is already used by unit "{name}".'),
  'ORG_UNIT.INVALID_PARENT': spec(422, '上级单位不合适', 'Invalid parent unit', '{level}级单位的上级必须是{parentLevel}级单位。', 'A {level} unit must sit under a {parentLevel} unit.'),
  'ORG_UNIT.CODE_MISMATCH': spec(422, '区划代码与上级不符', 'Code does not fit the parent', '{level}级单位的代码应为 {digits} 位，并以上级代码 {parentCode} 开头。', 'A {level} unit code has {digits} digits and starts with the parent code {parentCode}.'),
  'ORG_UNIT.HAS_ACTIVE_CHILDREN': spec(409, '仍有下级单位在用', 'Unit has active children', '请先停用下级单位（共 {count} 个）。', 'Deactivate its {count} active child unit(s) first.'),
  'ORG_UNIT.ROOT_IMMUTABLE': spec(422, '不能停用根单位', 'Root unit cannot be deactivated', '本部署的根单位不能停用。', 'The root unit of this deployment cannot be deactivated.'),
  'ORG_UNIT.INACTIVE': spec(422, '单位已停用', 'Unit is inactive', '单位“{name}”已停用，不能再挂接人员或下级单位。', 'Unit "{name}" is inactive and cannot take new staff or child units.'),

  'USER.NOT_FOUND': spec(404, '用户不存在', 'User not found', '用户 {id} 不存在，或不在您的管辖范围内。', 'User {id} does not exist or is outside your scope.'),
  'USER.USERNAME_TAKEN': spec(409, '用户名已存在', 'Username taken', '用户名 {username} 已被使用。', 'The username {username} is already taken.'),
  'USER.CANNOT_DISABLE_SELF': spec(422, '不能停用自己', 'Cannot disable yourself', '不能停用当前登录的账号，也不能去掉自己的管理员角色。', 'You cannot disable your own account or drop your own admin role.'),

  'PARTNER.NOT_FOUND': spec(404, '对接单位不存在', 'Partner not found', '对接单位 {id} 不存在，或不在您的管辖范围内。', 'Partner {id} does not exist or is outside your scope.'),
  'API_KEY.NOT_FOUND': spec(404, 'API 密钥不存在', 'API key not found', 'API 密钥 {id} 不存在。', 'API key {id} does not exist.'),
  'WEBHOOK.ENDPOINT_NOT_FOUND': spec(404, '尚未配置推送地址', 'No webhook endpoint', '对接单位 {id} 尚未配置 Webhook 推送地址（PUT /v1/partners/{id}/webhook）。', 'Partner {id} has no webhook endpoint yet (PUT /v1/partners/{id}/webhook).'),
  'WEBHOOK.ENDPOINT_NOT_ALLOWED': spec(422, '推送地址不可用', 'Webhook endpoint not allowed', '推送地址须为 https，且不能指向内网、本机或保留地址，详见 errors。', 'The endpoint must be https and must not point to a private, loopback or reserved address; see errors.'),
  'WEBHOOK.CALLBACK_URL_NOT_ALLOWED': spec(422, '回调地址不可用', 'Callback URL not allowed', '回调地址须与本单位已配置的 Webhook 推送地址同源（协议、主机、端口相同），详见 errors。', 'The callback URL must have the same origin (scheme, host, port) as your webhook endpoint; see errors.'),
  'WEBHOOK.EVENT_NOT_FOUND': spec(404, '推送事件不存在', 'Webhook event not found', '推送事件 {id} 不存在，或不在您的管辖范围内。', 'Webhook event {id} does not exist or is outside your scope.'),
  'WEBHOOK.EVENT_NOT_REPLAYABLE': spec(409, '事件正在投递，无需重放', 'Event still pending', '推送事件 {id} 当前为待投递（{status}），会按计划自动重试；只有已送达（delivered）或已停止重试（dead）的事件可以重放。', 'Event {id} is {status} and will be retried on schedule; only delivered or dead events can be replayed.'),

  'CASE.NOT_FOUND': spec(404, '案件不存在', 'Case not found', '案件 {id} 不存在，或不在您的管辖范围内。', 'Case {id} does not exist or is outside your scope.'),
  'CASE.PARTY_NOT_FOUND': spec(404, '当事人不存在', 'Party not found', '该案件没有当事人 {id}。', 'The case has no party {id}.'),
  'CASE.INVALID_TRANSITION': spec(409, '案件状态不允许此操作', 'Not allowed in this status', '案件当前状态为“{statusLabel}”（{status}），不能{actionLabel}；只能从以下状态进行：{allowedFrom}。', 'The case is {status}; "{action}" is only possible from: {allowedFrom}.'),
  'CASE.INVALID_PARTY_DATA': spec(422, '当事人信息有误', 'Invalid party data', '当事人信息中有 {fieldErrorCount} 处错误，未保存任何内容。', '{fieldErrorCount} party field(s) are invalid; nothing was saved.'),
  'CASE.INVALID_REGISTRATION': spec(422, '登记信息不完整', 'Incomplete registration', '登记信息不符合要求，详见 errors。', 'The registration breaks a rule; see errors.'),
  'CASE.POSSIBLE_DUPLICATE': spec(409, '可能是重复登记', 'Possible duplicate', '发现 {candidateCount} 件可能相同的在办案件，详见 duplicates。确认不是重复后，带 registerAnyway: true 重新提交，或将其合并。', 'Found {candidateCount} open case(s) that may be the same dispute (see duplicates). Resubmit with registerAnyway: true if it is not, or merge.'),
  'CASE.INVALID_DECISION': spec(422, '分流决定不完整', 'Incomplete triage decision', '分流决定缺少必要信息，详见 errors。', 'The triage decision lacks required information; see errors.'),
  'CASE.NO_HIGHER_UNIT': spec(422, '没有上级单位', 'No unit above', '案件已在最高一级单位，不能再上交。', 'The case is already at the top unit and cannot be escalated.'),
  'IDEMPOTENCY.KEY_REQUIRED': spec(428, '缺少 Idempotency-Key', 'Idempotency-Key required', '对接系统提交时须带 Idempotency-Key 头（每个业务请求一个唯一值，重试时保持不变）。', 'Partner systems must send an Idempotency-Key header: one unique value per request, the same on every retry.'),
  'IDEMPOTENCY.KEY_REUSED': spec(422, 'Idempotency-Key 已用于另一请求', 'Idempotency-Key reused', '该 Idempotency-Key 已用于内容不同的请求，请为新请求换一个值。', 'This Idempotency-Key was used for a different request; use a new key for a new request.'),
  'IDEMPOTENCY.IN_PROGRESS': spec(409, '相同请求正在处理', 'Same request in progress', '带同一 Idempotency-Key 的请求仍在处理中，请稍后重试。', 'A request with this Idempotency-Key is still being processed; retry shortly.'),
  'TRIAGE.INVALID_RULES': spec(422, '分流规则有误', 'Invalid triage rules', '规则中有 {fieldErrorCount} 处错误，未保存。', '{fieldErrorCount} error(s) in the rules; nothing was saved.'),
  'NOTIFICATION.NOT_FOUND': spec(404, '消息不存在', 'Notification not found', '消息 {id} 不存在。', 'Notification {id} does not exist.'),
  'CALENDAR.INVALID': spec(422, '节假日安排有误', 'Invalid calendar', '{year} 年的节假日数据有误，未作任何修改，详见 errors。', 'The {year} calendar data is wrong; nothing was changed. See errors.'),
  'CALENDAR.YEAR_NOT_LOADED': spec(404, '该年度节假日安排尚未录入', 'Year not loaded', '{year} 年的节假日安排尚未录入（国务院办公厅通常在上一年 11 月发布）。', 'The {year} holiday schedule has not been loaded (the State Council usually publishes it the November before).'),
  'DEADLINE.UNKNOWN_KIND': spec(422, '未知的期限类型', 'Unknown deadline kind', '没有期限类型 {kind}。', 'There is no deadline kind {kind}.'),
  'MEDIATION.NOT_A_MEDIATOR': spec(404, '不是调解员', 'Not a mediator', '用户 {id} 不是您管辖范围内的在职调解员。', 'User {id} is not an active mediator within your scope.'),
  'MEDIATION.MEDIATOR_FULL': spec(409, '调解员案件已满', 'Mediator at capacity', '{name} 已有 {open} 件在办案件，达到上限 {cap} 件。请另选调解员，或先调整其办案上限。', '{name} already has {open} open cases, the cap of {cap}. Choose someone else or raise the cap first.'),
  'MEDIATION.NO_MEDIATOR_AVAILABLE': spec(409, '没有可分派的调解员', 'No mediator available', '{unit}及其上级单位没有可接收“{track}”类案件、且未满额的调解员。请手动指派或调整调解员设置。', 'No mediator for track {track} with free capacity in {unit} or the units above it. Assign by hand or adjust the mediators\' settings.'),
  'MEDIATION.CONSENT_REQUIRED': spec(422, '须经双方当事人同意', 'Both parties must consent', '延长调解期限须经各方当事人同意，缺少：{names}。', 'Extending the mediation needs every party\'s consent; missing: {names}.'),
  'MEDIATION.INVALID_AGREEMENT': spec(422, '调解协议信息有误', 'Invalid agreement', '调解协议信息不符合要求，详见 errors；未保存任何内容。', 'The agreement breaks a rule (see errors); nothing was saved.'),
  'MEDIATION.NO_AGREEMENT': spec(404, '尚无调解协议', 'No agreement', '案件 {id} 尚未记录调解协议。', 'Case {id} has no agreement recorded.'),
  'MEDIATION.OBLIGATION_NOT_FOUND': spec(404, '履行事项不存在', 'Obligation not found', '履行事项 {id} 不存在，或不在您的管辖范围内。', 'Obligation {id} does not exist or is outside your scope.'),
  'MEDIATION.OBLIGATION_SETTLED': spec(409, '履行情况已记录', 'Already settled', '该履行事项已记录为“{status}”，不能再次记录。', 'This obligation is already recorded as {status}.'),
  'MEDIATION.INVALID_ASSIGNMENT': spec(422, '指派信息不完整', 'Invalid assignment', '指派信息不符合要求，详见 errors。', 'The assignment breaks a rule; see errors.'),
  'SESSION.NOT_FOUND': spec(404, '调解会不存在', 'Session not found', '调解会 {id} 不存在，或不在您的管辖范围内。', 'Mediation session {id} does not exist or is outside your scope.'),
  'SESSION.INVALID': spec(422, '调解会信息有误', 'Invalid session', '调解会信息不符合要求，详见 errors；未保存任何内容。', 'The session breaks a rule (see errors); nothing was saved.'),
  'SESSION.INVALID_STATE': spec(409, '调解会状态不允许此操作', 'Not allowed in this state', '该调解会当前状态为“{statusLabel}”（{status}），不能{actionLabel}；只有已安排（scheduled）的调解会可以{actionLabel}。', 'The session is {status}; only a scheduled session can be {action}.'),
  'SESSION.NOT_STARTED': spec(409, '调解会尚未开始', 'Session not started', '调解会定于 {time} 开始，开始后才能记录结果。', 'The session starts at {time}; its result can be recorded only once it has started.'),
  'SESSION.ALREADY_STARTED': spec(409, '调解会时间已过', 'Session already started', '调解会定于 {time} 开始，时间已到，不能再取消；请记录为已召开或未召开（missed）并说明原因。', 'The session started at {time} and can no longer be cancelled; record it as held or missed, with the reason.'),

  'COURT.INVALID_REFERRAL': spec(422, '委派（委托）调解信息有误', 'Invalid court referral', '委派（委托）调解信息中有 {fieldErrorCount} 处错误，未保存任何内容。', '{fieldErrorCount} field(s) of the referral are invalid; nothing was saved.'),
  'COURT.REFERRAL_EXISTS': spec(409, '该法院案号已委派', 'Referral already received', '本院案号 {courtCaseNumber} 已有委派（委托）调解记录；重试请使用原 Idempotency-Key。', 'A referral for court case {courtCaseNumber} already exists; retry with the original Idempotency-Key.'),
  'COURT.REFERRAL_NOT_FOUND': spec(404, '委派（委托）调解不存在', 'Referral not found', '委派（委托）调解 {id} 不存在，或不是贵院委派的。', 'Referral {id} does not exist or was not sent by you.'),
  'COURT.MATERIALS_ALREADY_SIGNED': spec(409, '材料已签收', 'Materials already signed for', '法院移交材料已于 {signedAt} 签收，调解期限已开始计算。', 'The materials were signed for at {signedAt}; the clock is already running.'),
  'COURT.REFERRAL_NOT_FAILED': spec(409, '调解尚未终结', 'Mediation not failed', '委派（委托）调解当前为“{status}”，调解不成后才退回材料。', 'The referral is {status}; materials are returned after a failed mediation.'),
  'COURT.INVALID_FILING': spec(422, '移送法院信息有误', 'Invalid court filing', '移送信息中有 {fieldErrorCount} 处错误，未移送。', '{fieldErrorCount} field(s) of the filing are invalid; nothing was sent.'),
  'COURT.FILING_NOT_FOUND': spec(404, '移送记录不存在', 'Filing not found', '移送记录 {id} 不存在，或不是移送给贵院的。', 'Filing {id} does not exist or was not sent to you.'),
  'COURT.FILING_STATE': spec(409, '移送状态不允许此操作', 'Not allowed in this state', '该移送当前为“{statusLabel}”（{status}），不能进行此操作。', 'The filing is {status}; this step is not possible now.'),
  'COURT.NOT_CONFIRMABLE': spec(422, '协议不能申请司法确认', 'Not confirmable', '该调解协议只涉及婚姻、收养等身份关系或物权、知识产权确权，不属于司法确认范围（民诉解释第三百五十五条）。', 'The agreement only concerns status or title, which courts do not confirm (SPC Interpretation Art.355).'),
  'COURT.CONFIRMATION_EXISTS': spec(409, '已申请司法确认', 'Already applied', '该调解协议已有司法确认申请（{status}）。', 'This agreement already has a confirmation application ({status}).'),
  'COURT.INVALID_CONFIRMATION': spec(422, '司法确认信息有误', 'Invalid confirmation', '司法确认信息中有 {fieldErrorCount} 处错误，未保存任何内容。', '{fieldErrorCount} field(s) are invalid; nothing was saved.'),
  'COURT.CONFIRMATION_WINDOW_CLOSED': spec(422, '已超过申请期限', 'Window closed', '申请司法确认的三十日期限已于 {lastDay} 届满；调解协议仍有约束力，发生争议可以向人民法院起诉。', 'The 30-day window closed on {lastDay}; the agreement still binds, and a dispute over it can go to court.'),
  'COURT.CONFIRMATION_NOT_FOUND': spec(404, '司法确认申请不存在', 'Confirmation not found', '司法确认申请 {id} 不存在，或不在您的范围内。', 'Confirmation application {id} does not exist or is outside your scope.'),
  'COURT.CONFIRMATION_STATE': spec(409, '司法确认状态不允许此操作', 'Not allowed in this state', '该司法确认申请当前为 {status}，不能进行此操作。', 'The application is {status}; this step is not possible now.'),

  'POLICE.INVALID_TRANSFER': spec(422, '移交信息有误', 'Invalid transfer', '移交信息中有 {fieldErrorCount} 处错误，未保存任何内容。', '{fieldErrorCount} field(s) of the transfer are invalid; nothing was saved.'),
  'POLICE.TRANSFER_EXISTS': spec(409, '该警情已移交', 'Already transferred', '警情号 {incidentNumber} 已移交；重试请使用原 Idempotency-Key。', 'Incident {incidentNumber} was already transferred; retry with the original Idempotency-Key.'),
  'POLICE.TRANSFER_NOT_FOUND': spec(404, '移交记录不存在', 'Transfer not found', '移交记录 {id} 不存在，或不是贵所移交的。', 'Transfer {id} does not exist or was not sent by you.'),
  'POLICE.ALERT_NOT_FOUND': spec(404, '预警不存在', 'Alert not found', '红色预警 {id} 不存在，或不是发给贵所的。', 'Alert {id} does not exist or was not sent to you.'),
  'POLICE.ALERT_ACKNOWLEDGED': spec(409, '预警已响应', 'Already acknowledged', '该预警已于 {at} 由 {by} 响应。', 'This alert was acknowledged at {at} by {by}.'),
  'FOLLOW_UP.NOT_FOUND': spec(404, '回访记录不存在', 'Follow-up visit not found', '回访 {id} 不存在，或不在您的管辖范围内。', 'Follow-up visit {id} does not exist or is outside your scope.'),
  'FOLLOW_UP.INVALID_STATE': spec(409, '回访状态不允许此操作', 'Not allowed in this state', '该回访当前状态为 {status}，只有待回访（scheduled）的回访可以记录结果。', 'The visit is {status}; only a scheduled visit can have its result recorded.'),
  'FOLLOW_UP.INVALID_SCHEDULE': spec(422, '回访安排有误', 'Invalid follow-up schedule', '回访安排不符合要求，详见 errors。', 'The follow-up schedule breaks a rule; see errors.'),
  'SMS.UNKNOWN_MESSAGE': spec(404, '短信不存在', 'Unknown message', '没有网关消息编号为 {messageId} 的短信。', 'No text has the gateway message id {messageId}.'),
  'DEADLINE.NOT_FOUND': spec(404, '期限不存在', 'Deadline not found', '期限 {id} 不存在，或不在您的管辖范围内。', 'Deadline {id} does not exist or is outside your scope.'),
  'DEADLINE.INVALID_STATE': spec(409, '期限状态不允许此操作', 'Not allowed in this state', '期限当前状态为 {status}，不能执行 {action}。', 'The deadline is {status}; {action} is not possible.'),
  'DEADLINE.NOT_PAUSABLE': spec(422, '该期限不能中止计算', 'Deadline cannot be paused', '「{label}」没有法定的不计入期间的情形，不能中止计算。', '"{label}" has no legal ground to stop the clock.'),
  'DEADLINE.EXTENSION_REFUSED': spec(422, '不符合延期条件', 'Extension refused', '{reason}', '{reason}'),
  'AUDIT.INVALID_PERIOD': spec(422, '查询时段无效', 'Invalid period', '起始时间必须早于结束时间，且时段不超过 {maxDays} 天。', 'from must be before to, and the period at most {maxDays} days.'),
  'REPORT.INVALID_PERIOD': spec(400, '统计时段无效', 'Invalid report period', '统计时段须以 from、to 两个公历日期（北京时间，含首尾两天）给出，from 不晚于 to，且不超过 {maxDays} 天，详见 errors。', 'Give the period as two calendar dates from and to (Beijing time, both included), from not after to and at most {maxDays} days; see errors.'),

  'PETITION.NOT_FOUND': spec(404, '信访事项不存在', 'Petition not found', '信访事项 {id} 不存在，或不在您的管辖范围内。', 'Petition {id} does not exist or is outside your scope.'),
  'PETITION.INVALID_REGISTRATION': spec(422, '信访登记信息有误', 'Invalid petition registration', '登记信息不符合要求，详见 errors；未保存任何内容。', 'The registration breaks a rule (see errors); nothing was saved.'),
  'PETITION.INVALID_PETITIONER_DATA': spec(422, '信访人信息有误', 'Invalid petitioner data', '信访人信息中有 {fieldErrorCount} 处错误，未保存任何内容。', '{fieldErrorCount} petitioner field(s) are invalid; nothing was saved.'),
  'PETITION.FINAL_NOT_ACCEPTED': spec(422, '复核终结的信访事项不再受理', 'Final matter not accepted again', '同一信访人就同一事项提出的信访已于 {earlierNumber} 复核终结，以同一事实和理由再次提出的，不再受理（{basis}）。有新的事实或理由的，请在 newFactsOrReasons 中写明后重新提交。', 'The same petitioner\'s petition on this matter ({earlierNumber}) is final after re-review; the same facts and reasons are not accepted again ({basis}). If there are new facts or reasons, state them in newFactsOrReasons and resubmit.'),
  'PETITION.INVALID_TRANSITION': spec(409, '信访事项状态不允许此操作', 'Not allowed in this status', '信访事项当前状态为“{statusLabel}”（{status}），不能{actionLabel}；只能从以下状态进行：{allowedFrom}。', 'The petition is {status}; "{action}" is only possible from: {allowedFrom}.'),
  'PETITION.INVALID_ACTION': spec(422, '办理信息有误', 'Invalid petition action', '办理信息不符合要求，详见 errors；未保存任何内容。', 'The action breaks a rule (see errors); nothing was saved.'),
  'PETITION.REQUEST_TOO_LATE': spec(422, '已超过请求期限', 'Request too late', '信访人于 {receivedOn} 收到{answer}，请求{stageLabel}的期限已于 {lastDay} 届满（{basis}），{requestedOn} 提出的请求不予受理。', 'The petitioner received the {answerEn} on {receivedOn}; the time to request {stageEn} ended on {lastDay} ({basis}), so the request of {requestedOn} is not accepted.'),
  'PETITION.NOT_CLOSABLE': spec(422, '暂不能办结', 'Cannot close yet', '{reason}。', 'The petition cannot be closed yet: {reason}.'),
  'PETITION.NOT_A_LEADER': spec(422, '不能指定为包案领导', 'Not an eligible leader', '用户 {id} 不是在职的包案领导（leader），或所在单位不是该信访事项所在单位或其上级单位。', 'User {id} is not an active leader at the petition\'s unit or a unit above it.'),
  'PETITION.ALREADY_LINKED': spec(409, '已关联纠纷案件', 'Already linked to a case', '该信访事项已关联案件 {caseNumber}。', 'The petition is already linked to case {caseNumber}.'),

  'SERVICE.UNAVAILABLE': spec(503, '服务暂不可用', 'Service unavailable', '依赖的服务暂不可用，请稍后重试。', 'A service this depends on is unavailable; retry shortly.'),
  'INTERNAL.ERROR': spec(500, '服务器内部错误', 'Internal error', '服务器出错了。请将请求编号 {requestId} 告知管理员。', 'Something went wrong. Give the administrator request id {requestId}.'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function renderTemplate(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (params[key] === undefined ? whole : String(params[key])));
}
