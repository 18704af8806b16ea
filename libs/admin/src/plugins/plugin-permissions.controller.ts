import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { PluginSettings } from '@tessera/kernel';
import { ok, type PermissionRule, type Principal } from '@tessera/sdk';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { UpdatePluginPermissionsDto } from './dto/plugin-permissions.dto.js';
import { auditActor, pluginTarget } from './plugin-audit.js';

@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginPermissionsController {
  constructor(
    private readonly settings: PluginSettings,
    private readonly audit: AuditLog,
  ) {}

  @Get(':name/permissions')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: 'What a plugin requests (plugin.yaml), what is granted, and what of its request is denied' })
  async get(@Param('name') name: string) {
    return ok(await this.settings.permissions(name));
  }

  @Put(':name/permissions')
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Replace the granted rules; the plugin is held to them from its next call on, no restart' })
  async update(@Param('name') name: string, @Body() body: UpdatePluginPermissionsDto, @CurrentUser() principal: Principal) {
    const rules: PermissionRule[] = body.granted.map((rule) => ({ resource: rule.resource, actions: rule.actions, effect: rule.effect ?? 'allow' }));
    return ok(await this.audit.around(auditActor(principal), 'plugin.permissions.update', pluginTarget(name), { granted: rules }, () => this.settings.grant(name, rules)));
  }
}
