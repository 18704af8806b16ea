import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { AUTH_OPTIONS } from '../auth.constants.js';
import type { LoginThrottleOptions, ResolvedAuthOptions } from '../auth-options.interface.js';
import { RateLimitedError } from './rate-limited.exception.js';

/** What a login attempt is counted against. */
export interface LoginAttemptKeys {
  /** The account being tried, e.g. `admin:alice@example.com` (normalised by the caller). */
  account?: string;
  ip?: string;
}

/**
 * Counts failed logins per account and per client IP (fixed windows, then a block) and
 * refuses further attempts with `RATE_LIMITED` while a key is over its limit. Counters live
 * in this process's memory: with several instances each one counts on its own, which
 * multiplies the limit by the number of instances but never locks anyone out wrongly.
 *
 * @example
 * await throttle.assertAllowed({ account: 'admin:' + email, ip });
 * if (!ok) await throttle.recordFailure({ account: 'admin:' + email, ip }); else await throttle.recordSuccess({ account: 'admin:' + email });
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;

  constructor(@Inject(AUTH_OPTIONS) options: Pick<ResolvedAuthOptions, 'throttle'>) {
    const limits: LoginThrottleOptions = options.throttle;
    this.perAccount = new RateLimiterMemory({
      keyPrefix: 'login-account',
      points: limits.perAccount,
      duration: limits.windowSeconds,
      blockDuration: limits.blockSeconds,
    });
    this.perIp = new RateLimiterMemory({
      keyPrefix: 'login-ip',
      points: limits.perIp,
      duration: limits.windowSeconds,
      blockDuration: limits.blockSeconds,
    });
  }

  /** Throws {@link RateLimitedError} when the account or the IP has used up its attempts. */
  async assertAllowed(keys: LoginAttemptKeys): Promise<void> {
    const [account, ip] = await Promise.all([
      keys.account ? this.perAccount.get(keys.account) : null,
      keys.ip ? this.perIp.get(keys.ip) : null,
    ]);
    const waits = [exhausted(account, this.perAccount.points), exhausted(ip, this.perIp.points)].filter((ms): ms is number => ms !== undefined);
    if (waits.length) throw new RateLimitedError(Math.max(1, Math.ceil(Math.max(...waits) / 1000)), 'Too many failed login attempts');
  }

  async recordFailure(keys: LoginAttemptKeys): Promise<void> {
    await Promise.all([
      keys.account ? this.perAccount.consume(keys.account).catch(ignoreLimitReached) : undefined,
      keys.ip ? this.perIp.consume(keys.ip).catch(ignoreLimitReached) : undefined,
    ]);
  }

  /** A successful login clears the account's failures (not the IP's: one good account must not unlock guessing others). */
  async recordSuccess(keys: Pick<LoginAttemptKeys, 'account'>): Promise<void> {
    if (keys.account) await this.perAccount.delete(keys.account);
  }
}

function exhausted(state: RateLimiterRes | null, points: number): number | undefined {
  return state && state.consumedPoints >= points && state.msBeforeNext > 0 ? state.msBeforeNext : undefined;
}

// consume() rejects with a RateLimiterRes once the limit is passed: for a failure counter that is expected.
function ignoreLimitReached(reason: unknown): void {
  if (reason instanceof Error) throw reason;
}
