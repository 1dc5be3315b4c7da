import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** The outbox now; delivery (signing, retries, replay) arrives with the partner integration. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class WebhooksModule {}
