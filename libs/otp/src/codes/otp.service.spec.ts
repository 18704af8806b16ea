import { Logger } from '@nestjs/common';
import { EncryptionService, loadEncryptionKeys, loadSigningKeys, resolveAuthOptions } from '@tessera/auth';
import { createDataSource, createTestDatabase, type TestDatabase } from '@tessera/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogOtpDelivery } from '../delivery/log-otp.delivery.js';
import type { OtpDelivery, OtpMessage } from '../delivery/otp-delivery.interface.js';
import { CreateOtpTables1795000000200 } from '../migrations/create-otp-tables.migration.js';
import { resolveOtpOptions } from '../otp-options.interface.js';
import { OneTimeCode } from './one-time-code.entity.js';
import { OtpService } from './otp.service.js';

class CapturingDelivery implements OtpDelivery {
  readonly sent: OtpMessage[] = [];
  async deliver(message: OtpMessage): Promise<void> {
    this.sent.push(message);
  }
}

describe('OtpService', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let otp: OtpService;
  const delivery = new CapturingDelivery();
  let n = 0;
  const subject = () => `user:test-${++n}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ url: db.databaseUrl, dataDir: db.dataDir, entities: [OneTimeCode], migrations: [CreateOtpTables1795000000200] });
    const authOptions = resolveAuthOptions({ dataDir: '.', jwtSecret: 'otp-test-secret-otp-test-secret-otp-test' });
    const encryption = new EncryptionService(loadEncryptionKeys(authOptions, loadSigningKeys(authOptions)));
    otp = new OtpService(dataSource, encryption, resolveOtpOptions({ maxAttempts: 3 }), delivery);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  it('issues a 6-digit code, delivers it, and stores only a hash of it', async () => {
    const who = subject();
    const issued = await otp.generate(who, 'login');
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(290_000);
    expect(delivery.sent.at(-1)).toMatchObject({ subject: who, purpose: 'login', code: issued.code });
    const row = await dataSource.getRepository(OneTimeCode).findOneByOrFail({ subject: who, purpose: 'login' });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(issued.code);
  });

  it('accepts the code once (single use)', async () => {
    const who = subject();
    const { code } = await otp.generate(who, 'login');
    expect(await otp.verify(who, 'login', code)).toEqual({ valid: true });
    expect(await otp.verify(who, 'login', code)).toMatchObject({ valid: false, reason: 'missing' });
  });

  it('keeps purposes and subjects apart', async () => {
    const who = subject();
    const { code } = await otp.generate(who, 'login');
    expect(await otp.verify(who, 'email_verification', code)).toMatchObject({ valid: false, reason: 'missing' });
    expect(await otp.verify(subject(), 'login', code)).toMatchObject({ valid: false });
    expect(await otp.verify(who, 'login', code)).toEqual({ valid: true });
  });

  it('refuses an expired code', async () => {
    const who = subject();
    const { code } = await otp.generate(who, 'login');
    await dataSource.getRepository(OneTimeCode).update({ subject: who }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await otp.verify(who, 'login', code)).toMatchObject({ valid: false, reason: 'expired' });
  });

  it('locks the code after the attempt limit, even for the right code, and refuses a new code until it expires', async () => {
    const who = subject();
    const { code } = await otp.generate(who, 'login');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await otp.verify(who, 'login', wrong)).toEqual({ valid: false, reason: 'invalid', attemptsLeft: 2 });
    expect(await otp.verify(who, 'login', wrong)).toEqual({ valid: false, reason: 'invalid', attemptsLeft: 1 });
    expect(await otp.verify(who, 'login', wrong)).toEqual({ valid: false, reason: 'locked', attemptsLeft: 0 });
    expect(await otp.verify(who, 'login', code)).toMatchObject({ valid: false, reason: 'locked' });
    await expect(otp.generate(who, 'login')).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('a new code replaces the previous one', async () => {
    const who = subject();
    const first = await otp.generate(who, 'login');
    const second = await otp.generate(who, 'login');
    if (first.code !== second.code) expect(await otp.verify(who, 'login', first.code)).toMatchObject({ valid: false, reason: 'invalid' });
    expect(await otp.verify(who, 'login', second.code)).toEqual({ valid: true });
  });

  it('purges codes that expired more than a day ago', async () => {
    const stale = subject();
    const fresh = subject();
    await otp.generate(stale, 'login');
    await otp.generate(fresh, 'login');
    await dataSource.getRepository(OneTimeCode).update({ subject: stale }, { expiresAt: new Date(Date.now() - 2 * 86_400_000) });
    expect(await otp.purgeExpired()).toBe(1);
    expect(await dataSource.getRepository(OneTimeCode).existsBy({ subject: stale })).toBe(false);
    expect(await dataSource.getRepository(OneTimeCode).existsBy({ subject: fresh })).toBe(true);
  });
});

describe('LogOtpDelivery', () => {
  const message = { subject: 'user:1', purpose: 'login', code: '482913', expiresAt: new Date() };

  it('writes the code to the log in development', async () => {
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await new LogOtpDelivery(false).deliver(message);
    expect(log.mock.calls.flat().join(' ')).toContain('482913');
    log.mockRestore();
  });

  it('never writes the code in production', async () => {
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await new LogOtpDelivery(true).deliver(message);
    expect(log).toHaveBeenCalled();
    expect(log.mock.calls.flat().join(' ')).not.toContain('482913');
    log.mockRestore();
  });
});
