import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/access.decorator';
import { DomainError } from './domain-error';
import { ERROR_CATALOG, ErrorCode } from './error-catalog';

const describe = (code: ErrorCode) => ({ code, status: ERROR_CATALOG[code].status, title: ERROR_CATALOG[code].title, detail: ERROR_CATALOG[code].detail });

/** The `type` of every problem document resolves here, so an integrator can look a code up. */
@ApiTags('problems 错误码')
@Controller('problems')
@Public()
export class ProblemsController {
  @Get()
  @ApiOperation({ summary: '全部错误码 (every error code)', description: 'The stable codes the API returns, with status and wording in both languages.' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' }, example: [describe('AUTH.UNAUTHENTICATED')] } })
  list() {
    return (Object.keys(ERROR_CATALOG) as ErrorCode[]).map(describe);
  }

  @Get(':code')
  @ApiOperation({ summary: '错误码说明 (one error code)' })
  @ApiOkResponse({ schema: { type: 'object', example: describe('REQUEST.PRECONDITION_FAILED') } })
  get(@Param('code') code: string) {
    if (!(code in ERROR_CATALOG)) throw new DomainError('REQUEST.ROUTE_NOT_FOUND', { method: 'GET', path: `/problems/${code}` });
    return describe(code as ErrorCode);
  }
}
