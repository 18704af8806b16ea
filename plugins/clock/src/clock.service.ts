import { Injectable } from '@nestjs/common';
import { PluginContext, Scheduled, type TaskRunContext } from '@tessera/sdk';

/** Counts ticks in the plugin's cache, so every instance sharing a Redis sees one count. */
@Injectable()
export class ClockService {
  constructor(private readonly ctx: PluginContext) {}

  /** Runs every 5 seconds, on exactly one instance when several share the database. */
  @Scheduled({ name: 'tick', cron: '*/5 * * * * *', timeoutMs: 2_000 })
  async tick(run: TaskRunContext): Promise<void> {
    const ticks = ((await this.ctx.cache.get<number>('ticks')) ?? 0) + 1;
    await this.ctx.cache.set('ticks', ticks);
    await this.ctx.cache.set('last_tick', run.slotAt.toISOString());
  }

  async status(): Promise<{ ticks: number; last_tick: string | null }> {
    return { ticks: (await this.ctx.cache.get<number>('ticks')) ?? 0, last_tick: (await this.ctx.cache.get<string>('last_tick')) ?? null };
  }
}
