import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuditModule } from '../audit/audit.module';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { BootstrapService } from './bootstrap.service';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';
import { TokenSecretService } from './token-secret.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule, OrgUnitsModule],
  controllers: [AuthController, UsersController, PartnersController],
  providers: [
    AuthService,
    TokenSecretService,
    // Signs and verifies with the secret as a KeyObject made once (see TokenSecretService).
    { provide: JwtService, useFactory: (secret: TokenSecretService) => new JwtService({ secretOrKeyProvider: () => secret.get() }), inject: [TokenSecretService] },
    UsersService,
    PartnersService,
    BootstrapService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, PartnersService],
})
export class AuthModule {}
