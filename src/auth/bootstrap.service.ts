import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { OrgUnitsService } from '../org-units/org-units.service';
import { UsersService } from './users.service';

const BOOTSTRAP_LOCK = 482_203_302;

/**
 * First start with an empty database: create the county unit and one admin. Under a
 * transaction-scoped advisory lock, so replicas starting together create them once.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly units: OrgUnitsService,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const root = await this.units.ensureRoot(m, this.config.ROOT_UNIT_CODE, this.config.ROOT_UNIT_NAME);
      return this.users.ensureAdmin(m, root.id, this.config.ADMIN_USERNAME, this.config.ADMIN_PASSWORD);
    });
    if (!result.created) return;
    if (result.generatedPassword) {
      // Printed to the terminal once, outside the JSON log stream, and never stored in clear.
      process.stdout.write(
        `\n  First start: created the admin account.\n    username: ${this.config.ADMIN_USERNAME}\n    password: ${result.generatedPassword}\n  Sign in and change it (POST /v1/me/password). It is not shown again.\n\n`,
      );
    } else {
      this.logger.log(`First start: created the admin account "${this.config.ADMIN_USERNAME}" with the password from ADMIN_PASSWORD`);
    }
  }
}
