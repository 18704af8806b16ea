import { Body, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { PluginConfigSchema, PluginLoader, PluginSettings } from '@tessera/kernel';
import { hasPermission, ok, TesseraError, type Principal } from '@tessera/sdk';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { PluginConfigQueryDto, UpdatePluginConfigDto } from './dto/plugin-config.dto.js';
import { auditActor, pluginTarget } from './plugin-audit.js';
import { maskedSchema } from './plugin-views.js';

@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginConfigController {
  constructor(
    private readonly settings: PluginSettings,
    private readonly loader: PluginLoader,
    private readonly audit: AuditLog,
  ) {}

  @Get(':name/config')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: 'The config of a plugin, secrets masked (include_secrets needs plugins.secrets), optionally with its schema' })
  async get(@Param('name') name: string, @Query() query: PluginConfigQueryDto, @CurrentUser() principal: Principal) {
    if (query.include_secrets && !hasPermission(principal, 'plugins.secrets')) {
      throw new TesseraError('FORBIDDEN', 'Unmasked secrets need the permission "plugins.secrets"; ask an admin to grant it to one of your roles.', {
        missing_permissions: ['plugins.secrets'],
      });
    }
    const { values } = await this.settings.config(name, { includeSecrets: query.include_secrets });
    if (!query.include_schema) return ok({ values });
    const schema = this.loader.get(name)!.manifest!.config;
    return ok({ values, schema: query.include_secrets ? schema : maskedSchema(schema) });
  }

  @Put(':name/config')
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Change config keys (validated against the schema); the plugin sees them at once unless restart_required lists them' })
  async update(@Param('name') name: string, @Body() body: UpdatePluginConfigDto, @CurrentUser() principal: Principal) {
    const params = this.auditParams(name, body.values);
    return ok(await this.audit.around(auditActor(principal), 'plugin.config.update', pluginTarget(name), params, () => this.settings.configure(name, body.values)));
  }

  /** The changes as the audit trail keeps them: secret values masked, and only key names when the schema is unknown. */
  private auditParams(name: string, values: Record<string, unknown>): Record<string, unknown> {
    const manifest = this.loader.get(name)?.manifest;
    return manifest ? { values: new PluginConfigSchema(name, manifest.config).mask(values) } : { keys: Object.keys(values) };
  }
}
