import { Injectable } from '@nestjs/common';
import type { TaskOutcome } from '@tessera/sdk';
import { Counter, Histogram, register } from 'prom-client';

/**
 * Per-task Prometheus metrics on prom-client's default registry (the one `/metrics` serves).
 * Reuses metrics already registered, so two scheduler modules in one process (tests) share them.
 */
@Injectable()
export class TaskMetrics {
  private readonly runs =
    (register.getSingleMetric('tessera_task_runs_total') as Counter<'plugin' | 'task' | 'outcome'> | undefined) ??
    new Counter({ name: 'tessera_task_runs_total', help: 'Finished task runs by outcome', labelNames: ['plugin', 'task', 'outcome'] });

  private readonly duration =
    (register.getSingleMetric('tessera_task_duration_seconds') as Histogram<'plugin' | 'task'> | undefined) ??
    new Histogram({
      name: 'tessera_task_duration_seconds',
      help: 'Duration of task runs (all attempts), in seconds',
      labelNames: ['plugin', 'task'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    });

  /** Counts one finished run; skipped runs have no duration worth observing. */
  record(plugin: string, task: string, outcome: TaskOutcome, durationMs: number): void {
    this.runs.inc({ plugin, task, outcome });
    if (outcome !== 'skipped') this.duration.observe({ plugin, task }, durationMs / 1000);
  }
}
