import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { OutboxService } from './outbox.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookQueue } from './webhook-queue';
import { WebhookWorker } from './webhook-worker';
import { WebhookEndpointsController, WebhookEventsController } from './webhooks.controller';

/**
 * Events owed to partner systems: the outbox every module writes to (global, inside the caller's
 * transaction), and its delivery as signed Standard Webhooks, in order per partner, with retries
 * over days, dead letters and replay.
 */
@Global()
@Module({
  imports: [AuditModule, AuthModule],
  controllers: [WebhookEndpointsController, WebhookEventsController],
  providers: [OutboxService, WebhookQueue, WebhookDeliveryService, WebhookEndpointsService, WebhookWorker],
  exports: [OutboxService, WebhookQueue, WebhookDeliveryService, WebhookEndpointsService, WebhookWorker],
})
export class WebhooksModule {}
