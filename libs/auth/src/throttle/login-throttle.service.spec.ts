import { describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../auth-options.js';
import { LoginThrottle } from './login-throttle.service.js';
import { RateLimitedError } from './rate-limited.exception.js';

const throttle = () => new LoginThrottle(resolveAuthOptions({ dataDir: '.', throttle: { perAccount: 3, perIp: 5, windowSeconds: 60, blockSeconds: 120 } }));

async function refusal(promise: Promise<unknown>): Promise<RateLimitedError> {
  try {
    await promise;
  } catch (error) {
    return error as RateLimitedError;
  }
  throw new Error('the attempt was allowed');
}

describe('LoginThrottle', () => {
  it('blocks an account after its failed attempts, with a Retry-After, and not other accounts', async () => {
    const limiter = throttle();
    for (let i = 0; i < 3; i++) {
      await limiter.assertAllowed({ account: 'admin:a@x.io', ip: '10.0.0.1' });
      await limiter.recordFailure({ account: 'admin:a@x.io', ip: '10.0.0.1' });
    }
    const error = await refusal(limiter.assertAllowed({ account: 'admin:a@x.io', ip: '10.0.0.2' }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    await expect(limiter.assertAllowed({ account: 'admin:b@x.io', ip: '10.0.0.1' })).resolves.toBeUndefined();
  });

  it('blocks an IP that tries many accounts', async () => {
    const limiter = throttle();
    for (let i = 0; i < 5; i++) await limiter.recordFailure({ account: `admin:${i}@x.io`, ip: '10.0.0.9' });
    await expect(limiter.assertAllowed({ account: 'admin:new@x.io', ip: '10.0.0.9' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('a successful login clears the account failures', async () => {
    const limiter = throttle();
    for (let i = 0; i < 2; i++) await limiter.recordFailure({ account: 'admin:a@x.io' });
    await limiter.recordSuccess({ account: 'admin:a@x.io' });
    for (let i = 0; i < 2; i++) await limiter.recordFailure({ account: 'admin:a@x.io' });
    await expect(limiter.assertAllowed({ account: 'admin:a@x.io' })).resolves.toBeUndefined();
  });
});
