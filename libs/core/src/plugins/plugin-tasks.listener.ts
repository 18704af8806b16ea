import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PluginLifecycleEvents } from '@tessera/kernel';
import { SchedulerService } from '@tessera/scheduler';

/** Gives the scheduler a plugin's `@Scheduled` tasks when it becomes active, and takes them back when it stops. */
@Injectable()
export class PluginTasksListener implements OnModuleInit {
  constructor(
    @Inject(PluginLifecycleEvents) private readonly events: PluginLifecycleEvents,
    @Inject(SchedulerService) private readonly scheduler: SchedulerService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      activated: async (record, unit) => {
        if (unit.tasks.length > 0) await this.scheduler.addPluginTasks(record.name, [...unit.tasks]);
      },
      deactivated: (record) => this.scheduler.removePluginTasks(record.name),
    });
  }
}
