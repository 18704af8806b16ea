import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestWatchdog } from './request-watchdog.js';

const TIMEOUT_MS = 100;

describe('RequestWatchdog', () => {
  // The watchdog reads its own clock (`now`) and Node's timers: both are moved together.
  let clock: number;
  let expired: string[];
  let watchdog: RequestWatchdog<string>;
  const tick = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
    expired = [];
    watchdog = new RequestWatchdog<string>(TIMEOUT_MS, (subject) => expired.push(subject), () => clock);
  });

  afterEach(() => {
    watchdog.close();
    vi.useRealTimers();
  });

  it('expires the subjects not released in time, each at its own deadline, oldest first', () => {
    watchdog.watch('a');
    tick(10);
    const b = watchdog.watch('b');
    tick(10);
    watchdog.watch('c');
    watchdog.release(b);

    tick(TIMEOUT_MS - 21);
    expect(expired).toEqual([]);
    tick(1);
    expect(expired).toEqual(['a']);
    tick(20);
    expect(expired).toEqual(['a', 'c']);
  });

  it('expires subjects watched at the same moment together', () => {
    watchdog.watch('a');
    watchdog.watch('b');
    tick(TIMEOUT_MS);
    expect(expired).toEqual(['a', 'b']);
  });

  it('keeps one timer, re-armed for the next deadline after each sweep', () => {
    watchdog.watch('a');
    tick(30);
    watchdog.watch('b');
    tick(30);
    watchdog.watch('c');
    expect(vi.getTimerCount()).toBe(1);

    tick(40);
    expect(expired).toEqual(['a']);
    expect(vi.getTimerCount()).toBe(1);
    tick(29);
    expect(expired).toEqual(['a']);
    tick(1);
    expect(expired).toEqual(['a', 'b']);
    tick(30);
    expect(expired).toEqual(['a', 'b', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms for the next subject when the oldest was released before its deadline', () => {
    const a = watchdog.watch('a');
    tick(50);
    watchdog.watch('b');
    watchdog.release(a);

    tick(50);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    tick(50);
    expect(expired).toEqual(['b']);
  });

  it('arms no timer while nothing is watched, and a new one for the next subject', () => {
    expect(vi.getTimerCount()).toBe(0);
    watchdog.release(watchdog.watch('a'));
    tick(TIMEOUT_MS);
    expect(vi.getTimerCount()).toBe(0);

    tick(1_000);
    watchdog.watch('b');
    tick(TIMEOUT_MS - 1);
    expect(expired).toEqual([]);
    tick(1);
    expect(expired).toEqual(['b']);
  });

  it('unlinks a released subject from its neighbours alone, wherever it stands', () => {
    const entries = ['a', 'b', 'c', 'd'].map((subject) => watchdog.watch(subject));
    const [a, b, c, d] = entries;
    watchdog.release(b);
    expect([b.previous, b.next]).toEqual([undefined, undefined]);
    expect(a.next).toBe(c);
    expect(c.previous).toBe(a);
    watchdog.release(a);
    watchdog.release(d);
    expect([c.previous, c.next]).toEqual([undefined, undefined]);

    tick(TIMEOUT_MS);
    expect(expired).toEqual(['c']);
  });

  it('takes a release twice, of nothing, or after expiry as a no-op', () => {
    const a = watchdog.watch('a');
    const b = watchdog.watch('b');
    watchdog.watch('c');
    watchdog.release(b);
    watchdog.release(b);
    watchdog.release(undefined);
    tick(TIMEOUT_MS);
    expect(expired).toEqual(['a', 'c']);

    // onResponse releases an expired request too (its 504 was sent): the list must survive it.
    const d = watchdog.watch('d');
    watchdog.release(a);
    tick(TIMEOUT_MS);
    expect(expired).toEqual(['a', 'c', 'd']);
    expect(d.released).toBe(true);
  });

  it('goes on expiring the others when one expiry throws', () => {
    const failing = new RequestWatchdog<string>(
      TIMEOUT_MS,
      (subject) => {
        expired.push(subject);
        if (subject === 'a') throw new Error('the reply is gone');
      },
      () => clock,
    );
    failing.watch('a');
    failing.watch('b');
    tick(10);
    failing.watch('c');

    tick(TIMEOUT_MS);
    expect(expired).toEqual(['a', 'b', 'c']);
    failing.close();
  });

  it('stops on close: no timer left, nothing watched is expired', () => {
    watchdog.watch('a');
    watchdog.watch('b');
    watchdog.close();
    expect(vi.getTimerCount()).toBe(0);
    tick(TIMEOUT_MS * 10);
    expect(expired).toEqual([]);
  });

  it('never keeps the process alive on its own', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    watchdog.watch('a');
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });
});
