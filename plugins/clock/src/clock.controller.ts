import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint, ok, TaskRegistry } from '@tessera/sdk';
import { IsInt, Max, Min } from 'class-validator';
import { ClockService } from './clock.service.js';

class ReminderDto {
  /** Every how many seconds the reminder runs. */
  @IsInt()
  @Min(1)
  @Max(3600)
  every_seconds: number;
}

@ApiTags('clock')
@Controller('clock')
export class ClockController {
  constructor(
    private readonly clock: ClockService,
    private readonly tasks: TaskRegistry,
  ) {}

  @Endpoint('GET', '/', { public: true, summary: 'Ticks counted by the scheduled task' })
  async status() {
    return ok(await this.clock.status());
  }

  /** Adds (or replaces) a task at run time; it goes away with the plugin. */
  @Endpoint('POST', '/reminder', { permission: 'clock.manage', summary: 'Add a reminder task at run time' })
  async addReminder(@Body() body: ReminderDto) {
    await this.tasks.add('reminder', { everyMs: body.every_seconds * 1_000 }, () => undefined);
    return ok(this.tasks.list().map((task) => task.name));
  }
}
