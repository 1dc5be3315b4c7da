import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency/idempotency.service';
import { PiiService } from './pii/pii.service';
import { Clock, SystemClock } from './time/clock';
import { RedisService } from './redis.service';
import { AfterCommit } from '../database/after-commit';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, RedisService, PiiService, IdempotencyService, AfterCommit],
  exports: [Clock, RedisService, PiiService, IdempotencyService, AfterCommit],
})
export class CommonModule {}
