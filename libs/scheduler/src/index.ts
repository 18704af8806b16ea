import { CreateSchedulerTables1795000000700 } from './store/create-scheduler-tables.migration.js';
import { TaskRun } from './store/task-run.entity.js';
import { TaskStateRow } from './store/task-state.entity.js';

export * from './scheduler.module.js';
export * from './scheduler.service.js';
export * from './scheduler-options.interface.js';
export { SCHEDULER_OPTIONS, TASK_STORE, TASK_FAILED_REPEATEDLY, TASK_RECOVERED } from './scheduler.constants.js';
export type * from './store/task-store.interface.js';
export { MemoryTaskStore } from './store/memory-task.store.js';
export { DatabaseTaskStore } from './store/database-task.store.js';
export { TasksController, type ScheduleBody } from './http/tasks.controller.js';
export { TaskRun, TaskStateRow, CreateSchedulerTables1795000000700 };

/** Entity classes of libs/scheduler, for `DatabaseModule.forRoot({ entities })`. */
export const schedulerEntities = [TaskRun, TaskStateRow];
/** Migrations of libs/scheduler, for `DatabaseModule.forRoot({ migrations })`. */
export const schedulerMigrations = [CreateSchedulerTables1795000000700];
