import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@tessera/auth';
import { ok } from '@tessera/sdk';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { PluginListQueryDto } from './dto/plugin-list.query.dto.js';
import { PluginPresenter } from './plugin-presenter.service.js';

@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginsController {
  constructor(private readonly presenter: PluginPresenter) {}

  @Get()
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: 'List plugins (filters: status, category, search, include_disabled) with counts by status' })
  async list(@Query() query: PluginListQueryDto) {
    return ok(await this.presenter.list(query));
  }

  @Get(':name')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: 'A plugin in full: manifest, dependencies, permissions, endpoints, hooks, config (masked), recent logs' })
  async details(@Param('name') name: string) {
    return ok(await this.presenter.details(name));
  }
}
