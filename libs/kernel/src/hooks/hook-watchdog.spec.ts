import { describe, expect, it } from 'vitest';
import { HookWatchdog, UNSTAMPED, type Watched } from './hook-watchdog.js';

/** An entry that records when it expired (ms after it was first watched). */
function entry(timeoutMs: number, again?: (entry: Watched, now: number) => void) {
  const watchedAt = performance.now();
  const expiredAfter: number[] = [];
  const watched: Watched = {
    timeoutMs,
    startedAt: UNSTAMPED,
    previous: undefined as unknown as Watched,
    next: undefined as unknown as Watched,
    expire: (now) => {
      expiredAfter.push(now - watchedAt);
      again?.(watched, now);
    },
  };
  watched.previous = watched;
  watched.next = watched;
  return { watched, expiredAfter };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HookWatchdog', () => {
  it('expires an entry once, never before its time', async () => {
    const watchdog = new HookWatchdog();
    const { watched, expiredAfter } = entry(30);
    watchdog.watch(watched);
    await sleep(100);
    expect(expiredAfter).toHaveLength(1);
    expect(expiredAfter[0]).toBeGreaterThanOrEqual(30);
  });

  it('never expires an entry unwatched in time', async () => {
    const watchdog = new HookWatchdog();
    const { watched, expiredAfter } = entry(20);
    watchdog.watch(watched);
    await sleep(5);
    watchdog.unwatch(watched);
    await sleep(60);
    expect(expiredAfter).toEqual([]);
  });

  it('gives an entry watched again its full time again', async () => {
    const watchdog = new HookWatchdog();
    const { watched, expiredAfter } = entry(30);
    watchdog.watch(watched);
    await sleep(20);
    watchdog.watch(watched);
    await sleep(100);
    expect(expiredAfter).toHaveLength(1);
    expect(expiredAfter[0]).toBeGreaterThanOrEqual(50);
  });

  it('expires an entry watched again with more time when that time, counted from its first start, is up', async () => {
    const watchdog = new HookWatchdog();
    const { watched, expiredAfter } = entry(20, (self, now) => {
      if (self.timeoutMs === 50) return;
      self.timeoutMs = 50;
      watchdog.rewatch(self, now);
    });
    watchdog.watch(watched);
    await sleep(120);
    expect(expiredAfter).toHaveLength(2);
    expect(expiredAfter[0]).toBeGreaterThanOrEqual(20);
    expect(expiredAfter[1]).toBeGreaterThanOrEqual(50);
  });
});
