import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './time/clock';
import { RedisService } from './redis.service';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, RedisService],
  exports: [Clock, RedisService],
})
export class CommonModule {}
