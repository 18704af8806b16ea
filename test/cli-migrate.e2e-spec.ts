import { HOST_MIGRATIONS } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../apps/cli/test/run-built-cli.js';

describe('tessera migrate', () => {
  let db: TestDatabase;
  // The throw-away database, as the server would be configured for it.
  const env = () => ({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '' });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it("applies every pending migration of the host, then says there is nothing to migrate", async () => {
    const first = await runBuiltCli(['migrate'], { env: env() });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [, count, names] = /^(\d+) migrations applied to (?:PGlite|PostgreSQL) at .+?: (.+)\n$/.exec(first.stdout) ?? [];
    expect(names?.split(', ').sort()).toEqual(HOST_MIGRATIONS.map((migration) => migration.name).sort());
    expect(Number(count)).toBe(HOST_MIGRATIONS.length);

    const second = await runBuiltCli(['migrate'], { env: env() });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Nothing to migrate: (PGlite|PostgreSQL) at .+ is up to date\.\n$/);
  });

  it('exits 1 with one line naming what to fix when the database cannot be used', async () => {
    const [unreachable, malformed] = await Promise.all([
      // Port 1: nothing listens there, so the connection is refused at once.
      runBuiltCli(['migrate'], { env: { DATA_DIR: db.dataDir, DATABASE_URL: 'postgres://tessera:secret@127.0.0.1:1/tessera' } }),
      runBuiltCli(['migrate'], { env: { DATA_DIR: db.dataDir, DATABASE_URL: 'mysql://localhost/app' } }),
    ]);
    expect(unreachable).toMatchObject({ code: 1, stdout: '' });
    expect(unreachable.stderr).toMatch(/^Database unavailable: cannot connect to PostgreSQL at postgres:\/\/tessera:\*\*\*@127\.0\.0\.1:1\/tessera .*Fix: .+\n$/);
    expect(malformed).toMatchObject({ code: 1, stdout: '' });
    expect(malformed.stderr).toMatch(/^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL.*\n$/);
  });
});
