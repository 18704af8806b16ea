import { Injectable } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';
import type { RegisteredTask } from './registered-task.js';

/** The tasks registered on this instance, by `plugin/name`. */
@Injectable()
export class TaskTable {
  private readonly tasks = new Map<string, RegisteredTask>();

  all(): RegisteredTask[] {
    return [...this.tasks.values()];
  }

  forPlugin(plugin: string): RegisteredTask[] {
    return this.all().filter((t) => t.plugin === plugin);
  }

  get(plugin: string, name: string): RegisteredTask | undefined {
    return this.tasks.get(`${plugin}/${name}`);
  }

  /** Throws NOT_FOUND, naming the task and how to list the known ones. */
  require(plugin: string, name: string): RegisteredTask {
    const task = this.get(plugin, name);
    if (!task) {
      throw new TesseraError(
        'NOT_FOUND',
        `No task "${name}" in plugin "${plugin}" on this instance. The plugin may be disabled; GET /api/v1/tasks lists the active tasks.`,
      );
    }
    return task;
  }

  set(task: RegisteredTask): void {
    this.tasks.set(task.key, task);
  }

  delete(task: RegisteredTask): void {
    if (this.tasks.get(task.key) === task) this.tasks.delete(task.key);
  }

  get size(): number {
    return this.tasks.size;
  }
}
