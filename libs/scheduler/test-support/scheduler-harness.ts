import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { PluginTask, TaskFunction, TaskOptions } from '@tessera/sdk';
import { SchedulerModule } from '../src/scheduler.module.js';
import type { SchedulerModuleOptions } from '../src/scheduler-options.interface.js';
import { SchedulerService } from '../src/scheduler.service.js';
import type { TaskRunRecord } from '../src/store/task-store.interface.js';

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

export async function startScheduler(options: Partial<SchedulerModuleOptions> = {}): Promise<Harness> {
  Logger.overrideLogger(false);
  const moduleRef = await Test.createTestingModule({ imports: [SchedulerModule.forRoot({ ...BASE_OPTIONS, ...options })] }).compile();
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
