import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { WEBHOOK_EVENTS, WEBHOOK_SCHEMA_MODELS, WebhookEventIdsDto, WebhookEventSpec } from './webhooks/event-catalogue';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** package.json sits one level up from src/ and two from dist/src/. */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}
const version = packageVersion();

const DESCRIPTION = `一站式矛盾纠纷调处化解中心 API — registration, triage, mediation, referral and follow-up of disputes, under statutory time limits.

**Staff** sign in with \`POST /v1/auth/token\` and send \`Authorization: Bearer <token>\`.
**Partner systems** (courts, police stations, the petition bureau, 12345, the grid platform) send \`X-Api-Key: <key>\`.

Errors are RFC 9457 \`application/problem+json\` with a stable \`code\` (see \`GET /problems\`), in Chinese or English by \`Accept-Language\`.
Changes need \`If-Match\` with the ETag of your last read (428 without it, 412 when someone else changed the record first).
Lists use cursors: pass \`nextCursor\` back as \`cursor\` until it is null. Every response carries \`X-Request-Id\`; quote it when reporting a problem.`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('一站式矛盾纠纷调处化解中心 API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Staff token from POST /v1/auth/token' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Partner API key, issued by an admin' }, 'apiKey')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Sms-Gateway-Token', description: 'The SMS gateway posting delivery receipts: SMS_GATEWAY_TOKEN' }, 'smsGatewayToken')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
    extraModels: WEBHOOK_SCHEMA_MODELS,
  });
  return { ...document, webhooks: webhooksSection() };
}

const WEBHOOK_HEADERS = [
  {
    name: 'webhook-id',
    in: 'header' as const,
    required: true,
    description: '事件编号；同一事件每次重试都相同，请据此去重 (the event id: the same on every retry, deduplicate on it)',
    schema: { type: 'string', format: 'uuid', example: '5e0a9f3c-1b2d-4e6f-8a7b-9c0d1e2f3a4b' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header' as const,
    required: true,
    description: '本次发送的 Unix 时间（秒）；与本机时间相差超过 5 分钟的请拒收 (unix seconds of this attempt: refuse if more than 5 minutes from your clock)',
    schema: { type: 'string', example: '1795654360' },
  },
  {
    name: 'webhook-signature',
    in: 'header' as const,
    required: true,
    description:
      '以空格分隔的签名，每个为 `v1,` + base64(HMAC-SHA256(密钥, `${webhook-id}.${webhook-timestamp}.${请求体}`))；更换密钥的过渡期内新旧密钥各签一个，任一验证通过即可 ' +
      '(space-separated `v1,<base64>` signatures over `${webhook-id}.${webhook-timestamp}.${body}` with the base64-decoded key of your `whsec_` secret; during a rotation the old and new secrets both sign, accept either). Any Standard Webhooks library verifies it.',
    schema: { type: 'string', example: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
  },
];

/**
 * The OpenAPI 3.1 `webhooks` section from the event catalogue: each event type as the POST a
 * partner receives, with the Standard Webhooks headers and the envelope whose `data` is the
 * event's payload plus the ids every event carries.
 */
function webhooksSection(): NonNullable<OpenAPIObject['webhooks']> {
  return Object.fromEntries(
    Object.entries(WEBHOOK_EVENTS as Record<string, WebhookEventSpec>).map(([type, spec]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(/\W/g, '_')}`,
          summary: spec.summary,
          description: `${spec.description}\n\nRetried with exponential backoff for about three days until your endpoint answers 2xx; events of one partner arrive in the order they occurred. Pull them with GET /v1/webhook-events to reconcile.`,
          tags: ['webhooks 事件推送'],
          parameters: WEBHOOK_HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['type', 'timestamp', 'data'],
                  properties: {
                    type: { type: 'string', const: type, example: type },
                    timestamp: { type: 'string', format: 'date-time', description: 'When the event occurred', example: '2026-11-23T09:12:40.000+08:00' },
                    data: { allOf: [{ $ref: getSchemaPath(spec.payload) }, { $ref: getSchemaPath(WebhookEventIdsDto) }] },
                  },
                },
              },
            },
          },
          responses: {
            '2XX': { description: '已收到 (received: any 2xx ends the retries)' },
            default: { description: '其他状态码、超时或连接失败均按失败处理并重试 (anything else, a timeout or a connection failure is retried)' },
          },
        },
      },
    ]),
  );
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: '矛调中心 API 文档',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
