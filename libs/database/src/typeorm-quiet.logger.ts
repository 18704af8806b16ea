import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * TypeORM's logger when SQL logging is off. TypeORM prints a failed migration to the console
 * whatever the settings; the boot error already names it, in one line, so that print goes.
 * TypeORM's warnings (a broken pooled connection, for instance) still reach the Nest logger.
 */
export class TypeormQuietLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
