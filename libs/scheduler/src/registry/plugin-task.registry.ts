import { type TaskFunction, type TaskInfo, type TaskOptions, TaskRegistry } from '@tessera/sdk';
import type { SchedulerService } from '../scheduler.service.js';

/** The {@link TaskRegistry} of one plugin: every call is scoped to that plugin's tasks. */
export class PluginTaskRegistry extends TaskRegistry {
  constructor(
    private readonly plugin: string,
    private readonly scheduler: SchedulerService,
  ) {
    super();
  }

  add(name: string, options: TaskOptions, fn: TaskFunction): Promise<void> {
    return this.scheduler.addPluginTasks(this.plugin, [{ name, options: { ...options, name }, run: fn }]);
  }

  remove(name: string): Promise<void> {
    return this.scheduler.removeTask(this.plugin, name);
  }

  list(): TaskInfo[] {
    return this.scheduler.listLocal(this.plugin);
  }
}
