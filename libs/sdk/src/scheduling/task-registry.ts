import type { TaskOptions, TaskTrigger } from './scheduled-options.interface.js';
import type { TaskFunction, TaskOutcome } from './task-run.interface.js';

/** A task as this instance sees it. */
export interface TaskInfo {
  plugin: string;
  name: string;
  /** The trigger in force: the code's, or the one an admin set at run time. */
  trigger: TaskTrigger;
  /** Null once a one-off task has fired. */
  nextRunAt: Date | null;
  paused: boolean;
  running: boolean;
  priority: number;
  dependsOn: string[];
  lastOutcome: TaskOutcome | null;
  lastRunAt: Date | null;
}

/**
 * Run-time tasks of one plugin; inject it to add tasks whose schedule is only known at run time
 * (from the plugin's config, say). Tasks added here vanish with the plugin like `@Scheduled` ones.
 * An abstract class rather than an interface so that it is its own injection token: the kernel
 * provides, in each plugin, an instance bound to that plugin (`SchedulerService.registryFor`).
 *
 * @example
 * constructor(private readonly tasks: TaskRegistry) {}
 * await this.tasks.add('sync-feed', { cron: ctx.config.get('feed_cron') }, () => this.feed.sync());
 * await this.tasks.remove('sync-feed');
 */
export abstract class TaskRegistry {
  /** Adds (or replaces) a task of this plugin. Throws VALIDATION_ERROR for bad options. */
  abstract add(name: string, options: TaskOptions, fn: TaskFunction): Promise<void>;
  /** Removes a task of this plugin; a run in progress is aborted. Unknown names are ignored. */
  abstract remove(name: string): Promise<void>;
  /** The plugin's tasks on this instance. */
  abstract list(): TaskInfo[];
}
