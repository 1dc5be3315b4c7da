import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { HttpSmsGateway, RecordingSmsGateway, SmsGateway } from './sms/sms-gateway';
import { SmsController } from './sms/sms.controller';
import { SmsService } from './sms/sms.service';

@Global()
@Module({
  controllers: [NotificationsController, SmsController],
  providers: [
    NotificationsService,
    SmsService,
    {
      provide: SmsGateway,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SmsGateway => (config.SMS_GATEWAY_URL ? new HttpSmsGateway(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN) : new RecordingSmsGateway()),
    },
  ],
  exports: [NotificationsService, SmsService],
})
export class NotificationsModule {}
