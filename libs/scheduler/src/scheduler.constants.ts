/** Injection token of the resolved {@link SchedulerModuleOptions}. */
export const SCHEDULER_OPTIONS = Symbol('tessera:scheduler-options');

/** Injection token of the {@link TaskStore} in use (database or memory). */
export const TASK_STORE = Symbol('tessera:task-store');

/** Hook emitted after `alertAfterFailures` consecutive failed runs of a task. */
export const TASK_FAILED_REPEATEDLY = 'task_failed_repeatedly';

/** Hook emitted by the first successful run after such an alert. */
export const TASK_RECOVERED = 'task_recovered';

/** A one-off (`at`) date missed by less than this while no instance was up still runs. */
export const AT_CATCH_UP_MS = 60 * 60 * 1000;

/** Pruning by count never deletes runs younger than this: their rows are the claims that stop a late instance from running a slot again. */
export const CLAIM_GUARD_MS = 60 * 60 * 1000;

/** How often retention runs. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
