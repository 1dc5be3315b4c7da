import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { ensureGeneratedSetting } from '../../database/generated-setting';
import { parsePiiKey, PiiCipher } from './pii-crypto';

const GENERATED_KEY_SETTING = 'pii.generated_key';

/**
 * The process-wide cipher for personal data. The key comes from PII_KEY; with nothing
 * configured, a key is generated once and kept in system_settings so every replica shares it
 * (and says so at start: in production the key belongs outside the database it protects).
 */
@Injectable()
export class PiiService implements OnModuleInit {
  private readonly logger = new Logger('PiiService');
  private cipher: PiiCipher;

  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const keys: Record<string, Buffer> = {};
    for (const pair of (this.config.PII_OLD_KEYS ?? '').split(',').filter(Boolean)) {
      const [id, raw] = pair.split(':');
      keys[id.trim()] = parsePiiKey((raw ?? '').trim());
    }
    if (this.config.PII_KEY) {
      keys[this.config.PII_KEY_ID] = parsePiiKey(this.config.PII_KEY);
      this.cipher = new PiiCipher({ current: this.config.PII_KEY_ID, keys });
      return;
    }
    keys.gen = parsePiiKey(await ensureGeneratedSetting(this.ds, GENERATED_KEY_SETTING, () => randomBytes(32).toString('base64')));
    this.cipher = new PiiCipher({ current: 'gen', keys });
    if (this.config.NODE_ENV === 'production') {
      this.logger.warn('PII_KEY is not set: personal data is encrypted with a key kept in the same database. Set PII_KEY for a real deployment.');
    }
  }

  encrypt(plaintext: string, context: string): string {
    return this.cipher.encrypt(plaintext, context);
  }

  decrypt(token: string, context: string): string {
    return this.cipher.decrypt(token, context);
  }

  blindIndex(kind: string, normalised: string): string {
    return this.cipher.blindIndex(kind, normalised);
  }
}
