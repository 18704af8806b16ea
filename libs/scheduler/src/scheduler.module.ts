import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TasksController } from './http/tasks.controller.js';
import { TaskTable } from './registry/task-table.js';
import { TaskAlerts } from './run/task-alerts.js';
import { TaskMetrics } from './run/task-metrics.js';
import { TaskRunner } from './run/task.runner.js';
import { TickRunner } from './run/tick.runner.js';
import { SchedulerOrchestrator } from './scheduler.orchestrator.js';
import { SchedulerService } from './scheduler.service.js';
import { SCHEDULER_OPTIONS, TASK_STORE } from './scheduler.constants.js';
import type { ResolvedSchedulerOptions, SchedulerModuleAsyncOptions, SchedulerModuleOptions } from './scheduler-options.interface.js';
import { resolveSchedulerOptions } from './scheduler-options.js';
import { DatabaseTaskStore } from './store/database-task.store.js';
import { MemoryTaskStore } from './store/memory-task.store.js';
import type { TaskStore } from './store/task-store.interface.js';

const storeProvider: Provider = {
  provide: TASK_STORE,
  // Optional so that store: 'memory' boots without a database; injected (not looked up) so that
  // Nest waits for the asynchronously opened DataSource.
  inject: [SCHEDULER_OPTIONS, { token: DataSource, optional: true }],
  useFactory: (options: ResolvedSchedulerOptions, dataSource: DataSource | undefined): TaskStore => {
    if (options.store === 'memory') return new MemoryTaskStore();
    if (!dataSource) {
      throw new Error(
        'SchedulerModule keeps task runs in the database but no DataSource is provided. Import DatabaseModule.forRoot() in the app, or pass store: "memory" for a single instance without history.',
      );
    }
    return new DatabaseTaskStore(dataSource);
  },
};

const providers: Provider[] = [storeProvider, TaskTable, TaskMetrics, TaskAlerts, TaskRunner, TickRunner, SchedulerOrchestrator, SchedulerService];

/**
 * Scheduled tasks of plugins: timers, run history, retries, priorities and dependencies, alerts,
 * one run per slot across instances, and the admin endpoints under `/api/v1/tasks`.
 *
 * @example
 * SchedulerModule.forRoot({ retentionDays: 30, maxHistoryPerTask: 1000, alertAfterFailures: 3, emit: (name, payload) => hooks.emit(name, payload) })
 */
@Module({})
export class SchedulerModule {
  static forRoot(options: SchedulerModuleOptions): DynamicModule {
    return {
      module: SchedulerModule,
      controllers: [TasksController],
      providers: [{ provide: SCHEDULER_OPTIONS, useValue: resolveSchedulerOptions(options) }, ...providers],
      exports: [SchedulerService],
    };
  }

  /** Same as {@link forRoot}, with options from a factory (config, the hook bus...). */
  static forRootAsync(options: SchedulerModuleAsyncOptions): DynamicModule {
    return {
      module: SchedulerModule,
      imports: options.imports ?? [],
      controllers: [TasksController],
      providers: [
        {
          provide: SCHEDULER_OPTIONS,
          inject: (options.inject ?? []) as never[],
          useFactory: async (...args: never[]) => resolveSchedulerOptions(await options.useFactory(...args)),
        },
        ...providers,
      ],
      exports: [SchedulerService],
    };
  }
}
