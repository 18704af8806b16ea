import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@tessera/auth';
import { PluginLoader, PluginLogStore } from '@tessera/kernel';
import { ok, TesseraError } from '@tessera/sdk';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { PluginLogsQueryDto } from './dto/plugin-logs.query.dto.js';

@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginLogsController {
  constructor(
    private readonly loader: PluginLoader,
    private readonly logs: PluginLogStore,
  ) {}

  @Get(':name/logs')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: "A plugin's kept log lines, newest first (level and above, time range, search, pages of up to 1000)" })
  logsOf(@Param('name') name: string, @Query() query: PluginLogsQueryDto) {
    if (!this.loader.get(name)) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed; list them with GET /api/v1/plugins.`);
    const page = query.page ?? 1;
    const perPage = query.per_page ?? 100;
    const { items, total } = this.logs.query(name, { level: query.level, since: query.start_time, until: query.end_time, search: query.search, page, perPage });
    return ok({ items, total, page, per_page: perPage });
  }
}
