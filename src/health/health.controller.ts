import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/access.decorator';
import { RedisService } from '../common/redis.service';
import { metricsRegistry } from './metrics';
import { ShutdownState } from './shutdown-state';

/**
 * Probes for orchestrators and scrapers. Public by design: they carry no credentials and
 * return nothing about cases or people.
 */
@ApiTags('health 运行状态')
@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('health/live')
  @ApiOperation({ summary: '存活探针 (liveness)', description: 'The process is up and its event loop turns.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @HealthCheck()
  @ApiOperation({ summary: '就绪探针 (readiness: PostgreSQL and Redis answer)', description: '503 while a dependency is down or the process is shutting down.' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' }, process: { status: 'up' } } } } })
  @ApiServiceUnavailableResponse({ schema: { example: { status: 'error', error: { redis: { status: 'down', message: 'timeout' } } } } })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres').withTimeout(1500),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            if ((await this.redis.client.ping()) !== 'PONG') throw new Error('unexpected PING reply');
          })
          .withTimeout(1500),
      () => {
        const session = this.indicators.check('process');
        return this.shutdown.shuttingDown ? session.down({ message: 'shutting down' }) : session.up();
      },
    ]);
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus 指标 (metrics)', description: 'Process metrics and request durations by route template, in the Prometheus text format.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string', example: 'tiaojie_http_request_duration_seconds_count{method="GET",route="/v1/org-units",status="200"} 42' } } } })
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() res: Response) {
    const registry = metricsRegistry();
    res.setHeader('Content-Type', registry.contentType);
    res.end(await registry.metrics());
  }
}
