import { describe, expect, it } from 'vitest';
import { resolveTaskOptions } from './task-options.validator.js';
import { TaskSchedule } from './task-schedule.js';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

describe('TaskSchedule', () => {
  it('reads 6-field cron with seconds and 5-field cron without, in the given zone', () => {
    const everyTen = new TaskSchedule({ cron: '*/10 * * * * *', timeZone: 'UTC' });
    expect(iso(everyTen.after(t('2026-01-01T00:00:00.000Z')))).toBe('2026-01-01T00:00:10.000Z');
    expect(iso(everyTen.after(t('2026-01-01T00:00:09.999Z')))).toBe('2026-01-01T00:00:10.000Z');
    const nightly = new TaskSchedule({ cron: '30 2 * * *', timeZone: 'Europe/Paris' });
    expect(iso(nightly.after(t('2026-07-01T12:00:00.000Z')))).toBe('2026-07-02T00:30:00.000Z');
  });

  it('aligns everyMs on the epoch, so every instance computes the same slots', () => {
    const everyMinute = new TaskSchedule({ everyMs: 60_000 });
    expect(iso(everyMinute.first(t('2026-01-01T10:15:42.123Z'), 0))).toBe('2026-01-01T10:16:00.000Z');
    expect(iso(everyMinute.after(t('2026-01-01T10:16:00.000Z')))).toBe('2026-01-01T10:17:00.000Z');
  });

  it('fires one-offs once: at a date (a recently missed one at once), or after boot', () => {
    const now = t('2026-01-01T12:00:00.000Z');
    expect(iso(new TaskSchedule({ at: '2026-01-02T00:00:00Z' }).first(now, now))).toBe('2026-01-02T00:00:00.000Z');
    expect(iso(new TaskSchedule({ at: new Date(now - 60_000) }).first(now, now))).toBe('2026-01-01T11:59:00.000Z');
    expect(new TaskSchedule({ at: new Date(now - 2 * 3600_000) }).first(now, now)).toBeNull();
    const boot = new TaskSchedule({ afterBoot: 5000 });
    expect(iso(boot.first(now, now))).toBe('2026-01-01T12:00:05.000Z');
    expect(boot.oneOff).toBe(true);
    expect(boot.after(now + 5000)).toBeNull();
  });

  it('refuses bad triggers with VALIDATION_ERROR naming the field', () => {
    const fieldsOf = (trigger: object): unknown => {
      try {
        new TaskSchedule(trigger as never);
        return 'accepted';
      } catch (error) {
        return (error as { code: string; details: Array<{ field: string }> }).details.map((d) => d.field);
      }
    };
    expect(fieldsOf({ cron: '61 * * * * *' })).toEqual(['cron']);
    expect(fieldsOf({ cron: '* * *' })).toEqual(['cron']);
    expect(fieldsOf({ cron: '* * * * *', timeZone: 'Mars/Base' })).toEqual(['timeZone']);
    expect(fieldsOf({ everyMs: 50 })).toEqual(['everyMs']);
    expect(fieldsOf({ at: 'tomorrow' })).toEqual(['at']);
    expect(fieldsOf({ everyMs: 1000, cron: '* * * * *' })).toEqual(['cron,everyMs']);
    expect(fieldsOf({})).toEqual(['trigger']);
  });
});

describe('resolveTaskOptions', () => {
  it('applies defaults and lists every bad field at once', () => {
    expect(resolveTaskOptions('p', { name: 'ok', everyMs: 1000 }).behaviour).toEqual({
      timeoutMs: null,
      retries: 0,
      backoff: { type: 'exponential', delayMs: 1000, maxDelayMs: Number.MAX_SAFE_INTEGER },
      priority: 0,
      dependsOn: [],
      concurrency: 'skip',
    });
    expect(() => resolveTaskOptions('p', { name: 'bad name!', everyMs: 1000, retries: -1, timeoutMs: 0, concurrency: 'both' as never, dependsOn: ['bad name!'] })).toThrow(
      /Task "bad name!" of plugin "p" has invalid options: name: .*; timeoutMs: .*; retries: .*; dependsOn: .*; concurrency: /,
    );
  });
});
