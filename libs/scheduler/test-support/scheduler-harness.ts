import { Test, type TestingModule } from '@nestjs/testing';
import type { PluginTask, TaskFunction, TaskOptions } from '@tessera/sdk';
import { SchedulerModule } from '../src/scheduler.module.js';
import type { SchedulerModuleOptions } from '../src/scheduler-options.interface.js';
import { SchedulerService } from '../src/scheduler.service.js';
import { TASK_STORE } from '../src/scheduler.constants.js';
import type { TaskRunRecord, TaskStore } from '../src/store/task-store.interface.js';

/** Test-only helpers shared by the scheduler's specs (outside src/: never built or shipped). */
export const BASE_OPTIONS: SchedulerModuleOptions = {
  store: 'memory',
  instanceId: 'test-instance',
  retentionDays: 7,
  maxHistoryPerTask: 1000,
  alertAfterFailures: 3,
  leaseMs: 5000,
  syncIntervalMs: 1000,
  pollMs: 50,
  stopGraceMs: 500,
};

export interface Harness {
  moduleRef: TestingModule;
  scheduler: SchedulerService;
  close(): Promise<void>;
}

/** Boots a scheduler; instances given the same `store` behave like servers sharing one database. */
export async function startScheduler(options: Partial<SchedulerModuleOptions> = {}, store?: TaskStore): Promise<Harness> {
  const builder = Test.createTestingModule({ imports: [SchedulerModule.forRoot({ ...BASE_OPTIONS, ...options })] });
  if (store) builder.overrideProvider(TASK_STORE).useValue(store);
  const moduleRef = await builder.compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return { moduleRef, scheduler: moduleRef.get(SchedulerService), close: () => moduleRef.close() };
}

/** A PluginTask as the kernel's explorer builds it. */
export function task(name: string, options: TaskOptions, run: TaskFunction): PluginTask {
  return { name, options: { ...options, name }, run };
}

/** All runs of a task, oldest first. */
export async function runsOf(scheduler: SchedulerService, plugin: string, name?: string): Promise<TaskRunRecord[]> {
  const { items } = await scheduler.history({ plugin, task: name, page: 1, pageSize: 200 });
  return items.reverse();
}

/** Resolves after `ms` of (fake or real) time, for tasks that simulate work. */
export function work(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
