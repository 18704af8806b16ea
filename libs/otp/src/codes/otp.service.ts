import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EncryptionService, RateLimitedError } from '@tessera/auth';
import { TesseraError } from '@tessera/sdk';
import { DataSource } from 'typeorm';
import { OTP_DELIVERY, OTP_HASH_KEY_PURPOSE, OTP_OPTIONS } from '../otp.constants.js';
import type { ResolvedOtpOptions } from '../otp-options.interface.js';
import type { OtpDelivery } from '../delivery/otp-delivery.interface.js';
import { OneTimeCode } from './one-time-code.entity.js';

/** A code just issued (already handed to the delivery). */
export interface IssuedOtp {
  code: string;
  expiresAt: Date;
}

/** Why a code was refused: none live, too late, too many wrong guesses, or wrong. */
export type OtpRefusal = 'missing' | 'expired' | 'locked' | 'invalid';

export type OtpVerifyResult = { valid: true } | { valid: false; reason: OtpRefusal; attemptsLeft: number };

/**
 * One-time codes by subject and purpose: `generate` stores an HMAC of a random code with an
 * expiry and hands the code to the delivery; `verify` accepts it once. Wrong guesses count,
 * and after `maxAttempts` the code is locked until it expires (generating a new one is
 * refused meanwhile, so locking cannot be bypassed).
 *
 * @example
 * await otp.generate(`user:${id}`, 'email_verification');
 * const result = await otp.verify(`user:${id}`, 'email_verification', body.code);
 * if (!result.valid) throw new TesseraError('UNAUTHORIZED', `Code ${result.reason}.`);
 */
@Injectable()
export class OtpService {
  private readonly hashKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    encryption: EncryptionService,
    @Inject(OTP_OPTIONS) private readonly options: ResolvedOtpOptions,
    @Inject(OTP_DELIVERY) private readonly delivery: OtpDelivery,
  ) {
    this.hashKey = encryption.deriveKey(OTP_HASH_KEY_PURPOSE);
  }

  /** Issues a new code (replacing a live one) and delivers it. */
  async generate(subject: string, purpose: string, overrides: { ttlSeconds?: number; maxAttempts?: number } = {}): Promise<IssuedOtp> {
    checkKey(subject, purpose);
    const code = String(randomInt(0, 10 ** this.options.digits)).padStart(this.options.digits, '0');
    const expiresAt = new Date(Date.now() + (overrides.ttlSeconds ?? this.options.ttlSeconds) * 1000);
    await this.dataSource.transaction(async (manager) => {
      const live = await manager.findOne(OneTimeCode, { where: { subject, purpose }, lock: { mode: 'pessimistic_write' } });
      if (live && isLocked(live)) {
        throw new RateLimitedError(Math.max(1, Math.ceil((live.expiresAt.getTime() - Date.now()) / 1000)), 'Too many wrong codes');
      }
      if (live) await manager.delete(OneTimeCode, { id: live.id });
      await manager.insert(OneTimeCode, {
        subject,
        purpose,
        codeHash: this.hash(subject, purpose, code),
        expiresAt,
        maxAttempts: overrides.maxAttempts ?? this.options.maxAttempts,
      });
    });
    await this.delivery.deliver({ subject, purpose, code, expiresAt });
    return { code, expiresAt };
  }

  /** Checks a code; a right one is consumed, a wrong one counts as an attempt. */
  async verify(subject: string, purpose: string, code: string): Promise<OtpVerifyResult> {
    checkKey(subject, purpose);
    return this.dataSource.transaction(async (manager) => {
      const live = await manager.findOne(OneTimeCode, { where: { subject, purpose }, lock: { mode: 'pessimistic_write' } });
      if (!live || live.consumedAt) return refusal('missing', 0);
      if (live.expiresAt.getTime() <= Date.now()) return refusal('expired', 0);
      if (live.attempts >= live.maxAttempts) return refusal('locked', 0);
      const expected = Buffer.from(live.codeHash, 'hex');
      const given = Buffer.from(this.hash(subject, purpose, String(code).trim()), 'hex');
      if (timingSafeEqual(expected, given)) {
        await manager.update(OneTimeCode, { id: live.id }, { consumedAt: new Date() });
        return { valid: true } as const;
      }
      const attempts = live.attempts + 1;
      await manager.update(OneTimeCode, { id: live.id }, { attempts });
      const left = live.maxAttempts - attempts;
      return refusal(left > 0 ? 'invalid' : 'locked', left);
    });
  }

  /** Deletes codes that expired more than a day ago (for a scheduled clean-up). */
  async purgeExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(OneTimeCode)
      .where(`expires_at < now() - interval '1 day'`)
      .execute();
    return result.affected ?? 0;
  }

  private hash(subject: string, purpose: string, code: string): string {
    return createHmac('sha256', this.hashKey).update(`${subject}\0${purpose}\0${code}`).digest('hex');
  }
}

function isLocked(code: OneTimeCode): boolean {
  return !code.consumedAt && code.attempts >= code.maxAttempts && code.expiresAt.getTime() > Date.now();
}

function refusal(reason: OtpRefusal, attemptsLeft: number): OtpVerifyResult {
  return { valid: false, reason, attemptsLeft };
}

function checkKey(subject: string, purpose: string): void {
  if (!subject || subject.length > 255 || !purpose || purpose.length > 64) {
    throw new TesseraError('VALIDATION_ERROR', 'An OTP subject must be 1-255 characters and a purpose 1-64 characters.');
  }
}
