import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './create-test-database.js';
import { PGLITE_TEMPLATE_ENV } from './pglite-template.js';

describe('createTestDatabase', () => {
  it('the global setup announced the PGlite template to this test process', () => {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    expect(template && existsSync(join(template, 'PG_VERSION'))).toBe(true);
  });

  if (process.env.DATABASE_URL) {
    it('makes a PostgreSQL database of its own on the DATABASE_URL server and drops it in cleanup', async () => {
      const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
      expect(first.databaseUrl).toBeDefined();
      expect(first.options).toEqual({ url: first.databaseUrl, dataDir: first.dataDir });
      expect(first.databaseUrl).not.toBe(second.databaseUrl);
      const exists = async (url: string) => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)]);
        await client.end();
        return rowCount === 1;
      };
      expect(await exists(first.databaseUrl!)).toBe(true);
      await Promise.all([first.cleanup(), second.cleanup()]);
      expect(await exists(first.databaseUrl!)).toBe(false);
      expect(existsSync(first.dataDir)).toBe(false);
    });
  } else {
    it('copies the initialised PGlite template into a fresh dataDir and deletes it in cleanup', async () => {
      const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
      expect(first.databaseUrl).toBeUndefined();
      expect(first.options).toEqual({ dataDir: first.dataDir });
      expect(first.dataDir).not.toBe(second.dataDir);
      expect(existsSync(join(first.dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      await Promise.all([first.cleanup(), second.cleanup()]);
      expect(existsSync(first.dataDir)).toBe(false);
    });
  }
});
