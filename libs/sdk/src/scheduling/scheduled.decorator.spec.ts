import { describe, expect, it } from 'vitest';
import { Scheduled } from './scheduled.decorator.js';
import { getScheduledTasks } from './scheduled-metadata.accessor.js';

class ReportsService {
  @Scheduled({ name: 'nightly', cron: '0 3 * * *', retries: 2 })
  nightly(): string {
    return 'sync';
  }

  @Scheduled({ name: 'warm-up', afterBoot: 5_000 })
  @Scheduled({ name: 'refresh', everyMs: 60_000, priority: 1 })
  async refresh(): Promise<void> {}

  plain(): void {}
}

class CustomReports extends ReportsService {
  @Scheduled({ name: 'nightly-custom', cron: '0 4 * * *' })
  override nightly(): string {
    return 'custom';
  }
}

describe('@Scheduled and getScheduledTasks', () => {
  it('lists every decorated method with its options, stacked decorators in source order', () => {
    expect(getScheduledTasks(new ReportsService())).toEqual([
      { methodName: 'nightly', options: { name: 'nightly', cron: '0 3 * * *', retries: 2 } },
      { methodName: 'refresh', options: { name: 'warm-up', afterBoot: 5_000 } },
      { methodName: 'refresh', options: { name: 'refresh', everyMs: 60_000, priority: 1 } },
    ]);
  });

  it('counts an overridden method once, with the subclass metadata, and keeps inherited ones', () => {
    const tasks = getScheduledTasks(new CustomReports());
    expect(tasks.map((t) => t.options.name)).toEqual(['nightly-custom', 'warm-up', 'refresh']);
  });

  it('leaves the method callable as before', async () => {
    const service = new ReportsService();
    expect(service.nightly()).toBe('sync');
    await expect(service.refresh()).resolves.toBeUndefined();
    expect(getScheduledTasks({})).toEqual([]);
  });
});
