import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { DomainError, FieldError } from './domain-error';
import { ErrorCode, ERROR_CATALOG } from './error-catalog';
import { renderProblem } from './problem.filter';

class ProblemFieldErrorDto {
  @ApiProperty({ example: 'name', description: '出错字段的路径 (path of the field at fault)' })
  field: string;
  @ApiProperty({ example: 'maxLength' })
  code: string;
  @ApiProperty({ example: '最多 100 个字符' })
  message: string;
}

export class ProblemDto {
  @ApiProperty({ example: '/problems/REQUEST.VALIDATION_FAILED', description: 'GET it for the code\'s documentation' })
  type: string;
  @ApiProperty({ example: '请求参数有误' })
  title: string;
  @ApiProperty({ example: 400 })
  status: number;
  @ApiProperty({ example: '请求中有 1 处错误，详见 errors。' })
  detail: string;
  @ApiProperty({ example: '/v1/org-units' })
  instance: string;
  @ApiProperty({ example: 'REQUEST.VALIDATION_FAILED', description: 'Stable machine-readable code; branch on this, never on text' })
  code: string;
  @ApiPropertyOptional({ example: '5f0c6c1e-3b9a-4a53-9d1e-2f1f3c7d8a90' })
  requestId?: string;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto] })
  errors?: ProblemFieldErrorDto[];
}

const EXAMPLE_PARAMS: Record<string, unknown> = {
  id: '0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11',
  code: '330102001',
  name: '清波街道',
  username: 'wangfang',
  current: '"4"',
  retryAfter: 600,
  actor: '调解员 王芳',
  level: 'village',
  parentLevel: 'town',
  digits: 12,
  parentCode: '330102001',
  count: 2,
  method: 'GET',
  path: '/v1/unknown',
  maxDays: 366,
  limit: '1 MB',
};

/** The field errors shown in the example of codes that name the field at fault. */
const EXAMPLE_FIELD_ERRORS: Partial<Record<ErrorCode, FieldError[]>> = {
  'REQUEST.VALIDATION_FAILED': [{ field: 'name', code: 'maxLength', params: { 0: 100 } }],
  'REPORT.INVALID_PERIOD': [{ field: 'to', code: 'periodOrder', params: { message: '结束日期 2026-01-01 早于开始日期 2026-12-31' } }],
  'WEBHOOK.ENDPOINT_NOT_ALLOWED': [{ field: 'url', code: 'webhookUrl.private_address', params: { address: '10.20.30.40' } }],
  'WEBHOOK.CALLBACK_URL_NOT_ALLOWED': [{ field: 'callbackUrl', code: 'callbackUrl.origin_mismatch', params: { origin: 'https://tiaojie.court.zj.gov.cn' } }],
};

/**
 * Documents a route's error responses from the catalog, one example per code, so the OpenAPI
 * document lists exactly the codes an integrator must handle. 401 and 403 come from the guard
 * and are added by `@Access`.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CATALOG[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = [...byStatus.entries()].map(([status, list]) =>
    ApiResponse({
      status,
      description: list.join(', '),
      content: {
        'application/problem+json': {
          schema: { $ref: getSchemaPath(ProblemDto) },
          examples: Object.fromEntries(
            list.map((code) => {
              const fieldErrors = EXAMPLE_FIELD_ERRORS[code] ?? [];
              const doc = renderProblem(new DomainError(code, EXAMPLE_PARAMS, fieldErrors), 'zh', '/v1/…', '5f0c6c1e-3b9a-4a53-9d1e-2f1f3c7d8a90');
              return [code, { summary: ERROR_CATALOG[code].title.en, value: doc }];
            }),
          ),
        },
      },
    }),
  );
  return applyDecorators(ApiExtraModels(ProblemDto), ...responses);
}
