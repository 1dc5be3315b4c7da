import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ensureGeneratedSetting } from '../database/generated-setting';

const SETTING = 'auth.token_secret';

/**
 * The HMAC secret for sign-in tokens. With nothing configured, the first process generates one
 * and stores it; every other API replica reads the same row, so a token issued by one replica is
 * accepted by all, and restarts do not sign everybody out.
 */
@Injectable()
export class TokenSecretService implements OnModuleInit {
  private secret: string;

  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.AUTH_TOKEN_SECRET) {
      this.secret = this.config.AUTH_TOKEN_SECRET;
      return;
    }
    this.secret = await ensureGeneratedSetting(this.ds, SETTING, () => randomBytes(48).toString('base64url'));
  }

  get(): string {
    return this.secret;
  }
}
