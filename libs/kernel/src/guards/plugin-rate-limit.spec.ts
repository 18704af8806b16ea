import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientRateLimiter } from './plugin-rate-limit.js';

const LIMIT = { calls: 3, period_seconds: 60 };
const PERIOD_MS = LIMIT.period_seconds * 1000;

describe('ClientRateLimiter', () => {
  // `limiter` reads performance.now(), which Vitest's fake timers move too.
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const takeAll = (limiter: ClientRateLimiter, client: string, times: number) => Array.from({ length: times }, () => limiter.take(client));

  it('lets `calls` requests through, then refuses with a wait within the period', () => {
    const limiter = new ClientRateLimiter(LIMIT);
    expect(takeAll(limiter, '203.0.113.9', LIMIT.calls)).toEqual([0, 0, 0]);

    const waitMs = limiter.take('203.0.113.9');
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(PERIOD_MS);
  });

  it('counts the wait down as time passes', () => {
    const limiter = new ClientRateLimiter(LIMIT);
    takeAll(limiter, '203.0.113.9', LIMIT.calls);
    vi.advanceTimersByTime(20_000);

    const waitMs = limiter.take('203.0.113.9');
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(PERIOD_MS - 20_000);
  });

  it('keeps an allowance per client', () => {
    const limiter = new ClientRateLimiter(LIMIT);
    takeAll(limiter, '203.0.113.9', LIMIT.calls);
    expect(limiter.take('203.0.113.9')).toBeGreaterThan(0);

    expect(takeAll(limiter, '198.51.100.4', LIMIT.calls)).toEqual([0, 0, 0]);
    expect(limiter.take('198.51.100.4')).toBeGreaterThan(0);
  });

  it('gives the whole allowance back once the period is over', () => {
    const limiter = new ClientRateLimiter(LIMIT);
    takeAll(limiter, '203.0.113.9', LIMIT.calls + 2);

    vi.advanceTimersByTime(PERIOD_MS - 1);
    expect(limiter.take('203.0.113.9')).toBeGreaterThan(0);
    vi.advanceTimersByTime(1);
    expect(takeAll(limiter, '203.0.113.9', LIMIT.calls)).toEqual([0, 0, 0]);
    expect(limiter.take('203.0.113.9')).toBeGreaterThan(0);
  });

  it('does not charge refused requests to the allowance', () => {
    const limiter = new ClientRateLimiter(LIMIT);
    takeAll(limiter, '203.0.113.9', LIMIT.calls + 50);

    vi.advanceTimersByTime(PERIOD_MS);
    expect(takeAll(limiter, '203.0.113.9', LIMIT.calls)).toEqual([0, 0, 0]);
  });
});
