import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
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
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: '矛调中心 API 文档',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
