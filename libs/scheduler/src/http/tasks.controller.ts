import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@tessera/auth';
import { ok, type SuccessEnvelope, type TaskInfo, type TaskTrigger } from '@tessera/sdk';
import { SchedulerService } from '../scheduler.service.js';
import type { TaskRunRecord } from '../store/task-store.interface.js';
import { parseHistoryQuery } from './history-query.parser.js';

/** Body of `PUT /api/v1/tasks/:plugin/:task/schedule`: a trigger, or `{ "reset": true }` for the code's. */
export type ScheduleBody = TaskTrigger | { reset: true };

/** Admin endpoints of the scheduler; every route needs the `tasks.manage` permission. */
@ApiTags('tasks')
@RequirePermission('tasks.manage')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly scheduler: SchedulerService) {}

  @Get()
  @ApiOperation({ summary: 'Tasks of the active plugins: trigger, next run, last outcome, paused' })
  async list(@Query('plugin') plugin?: string | string[]): Promise<SuccessEnvelope<TaskInfo[]>> {
    return ok(await this.scheduler.list((Array.isArray(plugin) ? plugin.at(-1) : plugin) || undefined));
  }

  @Get('history')
  @ApiOperation({ summary: 'Runs, newest first; filters plugin, task, outcome, since; page, pageSize (max 200)' })
  async history(@Query() query: Record<string, string | string[] | undefined>): Promise<SuccessEnvelope<{ items: TaskRunRecord[]; total: number; page: number; pageSize: number }>> {
    const parsed = parseHistoryQuery(query);
    const { items, total } = await this.scheduler.history(parsed);
    return ok({ items, total, page: parsed.page, pageSize: parsed.pageSize });
  }

  @Get(':plugin/:task')
  @ApiOperation({ summary: 'One task' })
  async get(@Param('plugin') plugin: string, @Param('task') task: string): Promise<SuccessEnvelope<TaskInfo>> {
    return ok(await this.scheduler.get(plugin, task));
  }

  @Post(':plugin/:task/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run now (even if paused); answers once the run is started, see history for its outcome' })
  async run(@Param('plugin') plugin: string, @Param('task') task: string): Promise<SuccessEnvelope<{ plugin: string; task: string; slotAt: Date; source: string }>> {
    const started = await this.scheduler.runNow(plugin, task);
    return ok({ plugin: started.plugin, task: started.task, slotAt: started.slotAt, source: started.source });
  }

  @Post(':plugin/:task/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop scheduled runs on every instance' })
  async pause(@Param('plugin') plugin: string, @Param('task') task: string): Promise<SuccessEnvelope<TaskInfo>> {
    return ok(await this.scheduler.pause(plugin, task));
  }

  @Post(':plugin/:task/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume scheduled runs' })
  async resume(@Param('plugin') plugin: string, @Param('task') task: string): Promise<SuccessEnvelope<TaskInfo>> {
    return ok(await this.scheduler.resume(plugin, task));
  }

  @Put(':plugin/:task/schedule')
  @ApiOperation({ summary: 'Change the trigger ({ cron } | { everyMs } | { at } | { afterBoot }), or { reset: true } to restore the code\'s' })
  async reschedule(@Param('plugin') plugin: string, @Param('task') task: string, @Body() body: ScheduleBody): Promise<SuccessEnvelope<TaskInfo>> {
    const trigger = body && typeof body === 'object' && 'reset' in body && body.reset === true ? null : (body as TaskTrigger);
    return ok(await this.scheduler.reschedule(plugin, task, trigger));
  }
}
