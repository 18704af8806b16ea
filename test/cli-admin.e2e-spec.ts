import { createTesseraApp } from '@tessera/core';
import { createTestDatabase, type TestDatabase } from '@tessera/database';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli, type CliRun } from '../apps/cli/test/run-built-cli.js';

const PASSWORD = 'correct horse battery staple';

describe('tessera admin create', () => {
  let db: TestDatabase;
  const env = () => ({ DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '' });
  const create = (args: string[], input?: string) => runBuiltCli(['admin', 'create', ...args], { env: env(), input });
  const neverShowsPassword = (run: CliRun) => expect(run.stdout + run.stderr).not.toContain(PASSWORD);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('creates a super admin (password on stdin) who then logs in through the admin API', async () => {
    const run = await create(['--email', 'Ops@Example.com', '--password-stdin'], `${PASSWORD}\n`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Admin account ops@example.com created with role super_admin.');
    neverShowsPassword(run);

    // The server on the same database (after the CLI has closed it: PGlite has one owner at a time).
    const tessera = await createTesseraApp(
      {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        cacheKeyPrefix: `cli-admin-${process.pid}-${Date.now()}:`,
        logLevel: 'silent',
        jwtSecret: 'cli-admin-secret-cli-admin-secret-42',
        encryptionKey: 'c'.repeat(64),
      },
      { plugins: [] },
    );
    try {
      const login = await request(tessera.server).post('/api/v1/admin/auth/login').send({ email: 'ops@example.com', password: PASSWORD }).expect(200);
      expect(login.body.data.account).toMatchObject({ email: 'ops@example.com', roles: ['super_admin'], permissions: ['*'] });
    } finally {
      await tessera.close();
    }
  }, 60_000);

  it('refuses a taken email (in any case) and a bad email: one line each, exit 1', async () => {
    // The bad email is refused before the database is opened, so it can run beside the other.
    const [taken, email] = await Promise.all([
      create(['--email', 'OPS@example.com', '--password', PASSWORD]),
      create(['--email', 'not-an-email', '--password', PASSWORD]),
    ]);
    expect(taken).toMatchObject({ code: 1, stdout: '', stderr: 'An admin account with the email ops@example.com already exists.\n' });
    expect(email).toMatchObject({ code: 1, stdout: '', stderr: '"not-an-email" is not an email address.\n' });
    for (const run of [taken, email]) neverShowsPassword(run);
  }, 60_000);

  it('without a password and without a terminal, exits 2 naming the ways to give one', async () => {
    const run = await create(['--email', 'new@example.com']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No password given. Pipe it in with --password-stdin');
  });
});
