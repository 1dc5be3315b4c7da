import { Injectable, OnModuleInit } from '@nestjs/common';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
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
  private secret: KeyObject;

  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const secret = this.config.AUTH_TOKEN_SECRET || (await ensureGeneratedSetting(this.ds, SETTING, () => randomBytes(48).toString('base64url')));
    // A KeyObject made once (the secret's UTF-8 bytes, as before): given a string, jsonwebtoken
    // first tries to parse it as a PEM public key on every sign and verify, and fails, which cost
    // about a millisecond of CPU per request.
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  get(): KeyObject {
    return this.secret;
  }
}
