import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, CreateAccounts1795000000001 } from '../../test/fixtures.js';
import { createDataSource } from '../data-source.factory.js';
import { DatabaseUnavailableError } from '../database-unavailable.exception.js';
import { preparePgliteTemplate } from '../testing/pglite-template.js';

// The embedded database only, whatever DATABASE_URL says.
describe('PGlite in <dataDir>/pglite', () => {
  let dataDir: string;
  const options = () => ({ dataDir, entities: [Account], migrations: [CreateAccounts1795000000001] });
  const lockFile = () => join(dataDir, 'pglite.lock');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tessera-pglite-spec-'));
    await cp(await preparePgliteTemplate(), join(dataDir, 'pglite'), { recursive: true });
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the data across closing and reopening', async () => {
    const first = await createDataSource(options());
    await first.getRepository(Account).save({ email: 'kept@example.com' });
    await first.destroy();

    const second = await createDataSource(options());
    expect(await second.getRepository(Account).findOneBy({ email: 'kept@example.com' })).not.toBeNull();
    await second.destroy();
  });

  it('refuses a second opener of the same folder in this process, and frees the folder on destroy', async () => {
    const first = await createDataSource(options());
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    const refused = await createDataSource(options()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseUnavailableError);
    expect((refused as Error).message).toContain(join(dataDir, 'pglite'));
    expect((refused as Error).message).toContain(`pid ${process.pid}`);
    await first.destroy();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses a folder another live process holds, naming that process', async () => {
    const holder = await sleepingProcess();
    try {
      writeFileSync(lockFile(), String(holder.pid));
      const refused = await createDataSource(options()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseUnavailableError);
      expect((refused as Error).message).toContain(`process ${holder.pid}`);
      expect(readFileSync(lockFile(), 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    // The previous test's holder is dead now and its pid is still in the lock file.
    expect(existsSync(lockFile())).toBe(true);
    const reopened = await createDataSource(options());
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    await reopened.destroy();
  });

  it('keeps the fields of a database error raised in the PGlite thread', async () => {
    const dataSource = await createDataSource(options());
    try {
      await dataSource.getRepository(Account).save({ email: 'twice@example.com' });
      const duplicate = await dataSource.getRepository(Account).save({ email: 'twice@example.com' }).catch((error: unknown) => error);
      // 23505 unique_violation, with the constraint: what the 409/400 answers are built from.
      expect(duplicate).toMatchObject({ driverError: { code: '23505', constraint: expect.any(String) } });
      await expect(dataSource.query('SELECT 1 / 0')).rejects.toMatchObject({ driverError: { code: '22012' } });
    } finally {
      await dataSource.destroy();
    }
  });

  it('does not hold a finished program open when the database was never closed', async () => {
    const script = [
      `const { createDataSource } = await import(${JSON.stringify(new URL('../../dist/index.js', import.meta.url).href)});`,
      `const dataSource = await createDataSource({ dataDir: ${JSON.stringify(await mkdtemp(join(tmpdir(), 'tessera-pglite-open-')))} });`,
      `console.log(JSON.stringify(await dataSource.query('SELECT 40 + 2 AS answer')));`,
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('"answer":42');
  }, 60_000);
});

function sleepingProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}
