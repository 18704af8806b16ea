import { EncryptionService, loadEncryptionKeys, loadSigningKeys, resolveAuthOptions } from '@tessera/auth';
import { createDataSource, createTestDatabase, type TestDatabase } from '@tessera/database';
import { generate } from 'otplib';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOtpTables1795000000200 } from '../migrations/create-otp-tables.migration.js';
import { resolveOtpOptions } from '../otp-options.interface.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { TotpEnrollment } from './totp-enrollment.entity.js';
import { TotpService } from './totp.service.js';

describe('TotpService', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let totp: TotpService;
  let n = 0;
  const subject = () => `admin:totp-${++n}`;
  const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource({ url: db.databaseUrl, dataDir: db.dataDir, entities: [TotpEnrollment, RecoveryCode], migrations: [CreateOtpTables1795000000200] });
    const authOptions = resolveAuthOptions({ dataDir: '.', jwtSecret: 'totp-test-secret-totp-test-secret-totp' });
    totp = new TotpService(dataSource, new EncryptionService(loadEncryptionKeys(authOptions, loadSigningKeys(authOptions))), resolveOtpOptions({ totpIssuer: 'Tessera Test' }));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.cleanup();
  });

  async function enrolled(): Promise<{ who: string; secret: string; recoveryCodes: string[] }> {
    const who = subject();
    const { secret } = await totp.enroll(who, 'ops@example.com');
    const { recoveryCodes } = await totp.confirm(who, await codeAt(secret));
    return { who, secret, recoveryCodes };
  }

  it('enrols with an otpauth URI for authenticator apps and keeps the secret encrypted', async () => {
    const who = subject();
    const started = await totp.enroll(who, 'ops@example.com');
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/Tessera%20Test:ops%40example\.com\?/);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    const row = await dataSource.getRepository(TotpEnrollment).findOneByOrFail({ subject: who });
    expect(row.secretEncrypted).not.toContain(started.secret);
    expect(await totp.isEnabled(who)).toBe(false);
  });

  it('confirms only with a right code, then hands out 10 distinct recovery codes', async () => {
    const who = subject();
    const { secret } = await totp.enroll(who, 'x@example.com');
    await expect(totp.confirm(who, '000000' === (await codeAt(secret)) ? '111111' : '000000')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const { recoveryCodes } = await totp.confirm(who, await codeAt(secret));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    expect(await totp.isEnabled(who)).toBe(true);
    const stored = await dataSource.getRepository(RecoveryCode).findBy({ subject: who });
    expect(stored.map((row) => row.codeHash)).not.toContain(recoveryCodes[0]);
  });

  it('verifies a code within the window, never the same time step twice, and refuses codes far off', async () => {
    const { who, secret } = await enrolled();
    const next = await codeAt(secret, 1);
    expect(await totp.verify(who, next)).toBe(true);
    expect(await totp.verify(who, next)).toBe(false);
    expect(await totp.verify(who, await codeAt(secret, 5))).toBe(false);
    expect(await totp.verify(who, 'abcdef')).toBe(false);
  });

  it('accepts each recovery code once, ignoring case and dashes', async () => {
    const { who, recoveryCodes } = await enrolled();
    const typed = recoveryCodes[3].toUpperCase().replace(/-/g, ' ');
    expect(await totp.verifySecondFactor(who, typed)).toEqual({ valid: true, method: 'recovery_code' });
    expect(await totp.verifySecondFactor(who, recoveryCodes[3])).toEqual({ valid: false });
    expect(await totp.remainingRecoveryCodes(who)).toBe(9);
    expect(await totp.verifySecondFactor(subject(), recoveryCodes[4])).toEqual({ valid: false });
  });

  it('refuses to enrol twice, and can be disabled', async () => {
    const { who } = await enrolled();
    await expect(totp.enroll(who, 'x@example.com')).rejects.toMatchObject({ code: 'CONFLICT' });
    await totp.disable(who);
    expect(await totp.isEnabled(who)).toBe(false);
    expect(await totp.remainingRecoveryCodes(who)).toBe(0);
  });
});
