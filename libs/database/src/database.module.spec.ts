import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Account, CreateAccounts1795000000001 } from '../test/fixtures.js';
import { DATABASE_OPTIONS } from './database.constants.js';
import { DatabaseModule } from './database.module.js';
import type { DatabaseOptions } from './database-options.interface.js';
import { createTestDatabase, type TestDatabase } from './testing/create-test-database.js';

@Injectable()
class AccountDirectory {
  constructor(
    @Inject(DataSource) readonly dataSource: DataSource,
    @Inject(DATABASE_OPTIONS) readonly options: DatabaseOptions,
  ) {}

  count(): Promise<number> {
    return this.dataSource.getRepository(Account).count();
  }
}

describe('DatabaseModule', () => {
  let db: TestDatabase;
  let options: DatabaseOptions;

  beforeEach(async () => {
    db = await createTestDatabase();
    options = { url: db.databaseUrl, dataDir: db.dataDir, entities: [Account], migrations: [CreateAccounts1795000000001] };
  });

  afterEach(async () => {
    await db.cleanup();
  });

  it('gives every module the open, migrated DataSource, and closes it at shutdown', async () => {
    const app = await Test.createTestingModule({ imports: [DatabaseModule.forRoot(options)], providers: [AccountDirectory] }).compile();
    await app.init();
    const directory = app.get(AccountDirectory);
    expect(directory.options).toBe(options);
    expect(await directory.count()).toBe(0);

    await app.close();
    expect(directory.dataSource.isInitialized).toBe(false);
    // The PGlite folder is free again (no lock file left behind).
    expect(existsSync(join(db.dataDir, 'pglite.lock'))).toBe(false);
  });

  it('takes its options from a factory with forRootAsync', async () => {
    const CONFIG = Symbol('CONFIG');
    const app = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRootAsync({
          imports: [{ module: class ConfigModule {}, providers: [{ provide: CONFIG, useValue: options }], exports: [CONFIG] }],
          inject: [CONFIG],
          useFactory: async (config: DatabaseOptions) => config,
        }),
      ],
      providers: [AccountDirectory],
    }).compile();
    await app.init();
    expect(await app.get(AccountDirectory).count()).toBe(0);
    await app.close();
  });
});
