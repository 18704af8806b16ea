import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TaskOutcome } from '@tessera/sdk';
import { SCHEDULER_OPTIONS, TASK_FAILED_REPEATEDLY, TASK_RECOVERED, TASK_STORE } from '../scheduler.constants.js';
import type { ResolvedSchedulerOptions } from '../scheduler-options.interface.js';
import type { TaskStore } from '../store/task-store.interface.js';

/**
 * Turns run outcomes into alerts: after `alertAfterFailures` consecutive failed runs, the hook
 * `task_failed_repeatedly`, an error log line and the optional webhook; at the next success,
 * `task_recovered`. The streak lives in the store, so it counts runs of every instance.
 */
@Injectable()
export class TaskAlerts {
  private readonly logger = new Logger('Scheduler');

  constructor(
    @Inject(SCHEDULER_OPTIONS) private readonly options: ResolvedSchedulerOptions,
    @Inject(TASK_STORE) private readonly store: TaskStore,
  ) {}

  /** Never throws: an alert that cannot be delivered is logged. */
  async afterRun(plugin: string, task: string, outcome: TaskOutcome, error: string | null): Promise<void> {
    if (outcome === 'skipped') return;
    try {
      const failed = outcome !== 'success';
      const { before, after } = await this.store.recordOutcome(plugin, task, failed);
      const threshold = this.options.alertAfterFailures;
      if (failed && after === threshold) {
        const payload = { plugin, task, consecutiveFailures: after, lastOutcome: outcome, lastError: error, instanceId: this.options.instanceId, at: new Date().toISOString() };
        this.logger.error(`Task "${task}" of plugin "${plugin}" failed ${after} times in a row (last: ${outcome}${error ? `: ${error}` : ''}).`);
        await Promise.all([this.emit(TASK_FAILED_REPEATEDLY, payload), this.postWebhook({ event: TASK_FAILED_REPEATEDLY, ...payload })]);
      } else if (!failed && before >= threshold) {
        const payload = { plugin, task, failuresBefore: before, instanceId: this.options.instanceId, at: new Date().toISOString() };
        this.logger.log(`Task "${task}" of plugin "${plugin}" recovered after ${before} failed runs.`);
        await Promise.all([this.emit(TASK_RECOVERED, payload), this.postWebhook({ event: TASK_RECOVERED, ...payload })]);
      }
    } catch (err) {
      this.logger.warn(`Could not update the failure streak of task "${task}" of plugin "${plugin}": ${(err as Error).message}`);
    }
  }

  private async emit(name: string, payload: Record<string, unknown>): Promise<void> {
    try {
      await this.options.emit(name, payload);
    } catch (err) {
      this.logger.warn(`The hook ${name} failed: ${(err as Error).message}`);
    }
  }

  private async postWebhook(body: Record<string, unknown>): Promise<void> {
    const url = this.options.alertWebhookUrl;
    if (!url) return;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.alertWebhookTimeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      if (!response.ok) this.logger.warn(`The alert webhook answered ${response.status}; check alertWebhookUrl.`);
    } catch (err) {
      this.logger.warn(`The alert webhook could not be reached within ${this.options.alertWebhookTimeoutMs} ms: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
