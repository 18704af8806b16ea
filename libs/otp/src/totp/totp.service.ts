import { Inject, Injectable } from '@nestjs/common';
import { EncryptionService } from '@tessera/auth';
import { TesseraError } from '@tessera/sdk';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { OTP_OPTIONS } from '../otp.constants.js';
import type { ResolvedOtpOptions } from '../otp-options.interface.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { hashRecoveryCode, newRecoveryCode } from './recovery-codes.js';
import { TotpEnrollment } from './totp-enrollment.entity.js';

const PERIOD_SECONDS = 30;

/** What an authenticator app needs to start: the secret and the `otpauth://` URI (for a QR code). */
export interface TotpEnrollmentStart {
  secret: string;
  otpauthUri: string;
}

/** How a second factor was accepted. */
export type SecondFactorResult = { valid: true; method: 'totp' | 'recovery_code' } | { valid: false };

/**
 * TOTP (RFC 6238) second factor with recovery codes. `enroll` starts a pending enrolment,
 * `confirm` activates it with a first code and returns single-use recovery codes; `verify`
 * accepts a code within ±`totpWindow` steps and never the same step twice (replay).
 * Secrets are encrypted at rest with the app's encryption key.
 *
 * @example
 * const { otpauthUri } = await totp.enroll(`admin:${id}`, email);
 * const { recoveryCodes } = await totp.confirm(`admin:${id}`, codeFromApp);
 * await totp.verifySecondFactor(`admin:${id}`, codeOrRecoveryCode); // { valid: true, method: 'totp' }
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly encryption: EncryptionService,
    @Inject(OTP_OPTIONS) private readonly options: ResolvedOtpOptions,
  ) {}

  /** Starts (or restarts) a pending enrolment. `CONFLICT` when TOTP is already active. */
  async enroll(subject: string, label: string): Promise<TotpEnrollmentStart> {
    const existing = await this.dataSource.getRepository(TotpEnrollment).findOneBy({ subject });
    if (existing?.confirmedAt) {
      throw new TesseraError('CONFLICT', 'Two-factor authentication is already enabled for this account; disable it before enrolling again.');
    }
    const secret = generateSecret();
    await this.dataSource.getRepository(TotpEnrollment).save({
      subject,
      secretEncrypted: this.encryption.encrypt(secret, secretContext(subject)),
      confirmedAt: null,
      lastTimeStep: null,
    });
    return { secret, otpauthUri: generateURI({ issuer: this.options.totpIssuer, label, secret }) };
  }

  /** Activates a pending enrolment with a code from the app; returns the recovery codes (shown once). */
  async confirm(subject: string, token: string): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.lockEnrollment(manager, subject);
      if (!enrollment) throw new TesseraError('NOT_FOUND', 'No two-factor enrolment is pending for this account; start one with POST me/totp/enroll.');
      if (enrollment.confirmedAt) throw new TesseraError('CONFLICT', 'Two-factor authentication is already enabled for this account.');
      const step = await this.check(enrollment, token);
      if (step === null) {
        throw new TesseraError('VALIDATION_ERROR', 'The code does not match: check the time of the device and enter the current 6-digit code.', [{ field: 'code' }]);
      }
      await manager.update(TotpEnrollment, { subject }, { confirmedAt: new Date(), lastTimeStep: String(step) });
      return { recoveryCodes: await this.replaceRecoveryCodes(manager, subject) };
    });
  }

  async isEnabled(subject: string): Promise<boolean> {
    const enrollment = await this.dataSource.getRepository(TotpEnrollment).findOneBy({ subject });
    return Boolean(enrollment?.confirmedAt);
  }

  /** True for a current TOTP code of an active enrolment not used before. */
  async verify(subject: string, token: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.lockEnrollment(manager, subject);
      if (!enrollment?.confirmedAt) return false;
      const step = await this.check(enrollment, token);
      if (step === null) return false;
      await manager.update(TotpEnrollment, { subject }, { lastTimeStep: String(step) });
      return true;
    });
  }

  /** True (once) for an unused recovery code of the subject. */
  async useRecoveryCode(subject: string, code: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: () => 'now()' })
      .where('subject = :subject AND code_hash = :hash AND used_at IS NULL', { subject, hash: hashRecoveryCode(subject, code) })
      .returning(['id'])
      .execute();
    return (result.affected ?? (result.raw as unknown[]).length) > 0;
  }

  /** Accepts a 6-digit TOTP code or, failing that, a recovery code. */
  async verifySecondFactor(subject: string, code: string): Promise<SecondFactorResult> {
    const trimmed = String(code ?? '').trim();
    if (/^\d{6}$/.test(trimmed)) return (await this.verify(subject, trimmed)) ? { valid: true, method: 'totp' } : { valid: false };
    if (!(await this.isEnabled(subject))) return { valid: false };
    return (await this.useRecoveryCode(subject, trimmed)) ? { valid: true, method: 'recovery_code' } : { valid: false };
  }

  /** Replaces all recovery codes of an active enrolment. */
  async regenerateRecoveryCodes(subject: string): Promise<string[]> {
    if (!(await this.isEnabled(subject))) throw new TesseraError('NOT_FOUND', 'Two-factor authentication is not enabled for this account.');
    return this.dataSource.transaction((manager) => this.replaceRecoveryCodes(manager, subject));
  }

  async remainingRecoveryCodes(subject: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCode).countBy({ subject, usedAt: IsNull() });
  }

  /** Removes the enrolment and its recovery codes. */
  async disable(subject: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RecoveryCode, { subject });
      await manager.delete(TotpEnrollment, { subject });
    });
  }

  private lockEnrollment(manager: EntityManager, subject: string): Promise<TotpEnrollment | null> {
    return manager.findOne(TotpEnrollment, { where: { subject }, lock: { mode: 'pessimistic_write' } });
  }

  /** The time step the token belongs to, or null when it is wrong, out of window, or replayed. */
  private async check(enrollment: TotpEnrollment, token: string): Promise<number | null> {
    if (!/^\d{6}$/.test(String(token ?? '').trim())) return null;
    const secret = this.encryption.decrypt(enrollment.secretEncrypted, secretContext(enrollment.subject));
    const result = await verify({
      secret,
      token: String(token).trim(),
      epochTolerance: this.options.totpWindow * PERIOD_SECONDS,
      ...(enrollment.lastTimeStep === null ? {} : { afterTimeStep: Number(enrollment.lastTimeStep) }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async replaceRecoveryCodes(manager: EntityManager, subject: string): Promise<string[]> {
    const codes = Array.from({ length: this.options.recoveryCodeCount }, newRecoveryCode);
    await manager.delete(RecoveryCode, { subject });
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({ subject, codeHash: hashRecoveryCode(subject, code) })),
    );
    return codes;
  }
}

function secretContext(subject: string): string {
  return `totp:${subject}`;
}
