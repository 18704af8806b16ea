import { Body, HttpCode, Logger, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { PluginLoader, type ChangeResult } from '@tessera/kernel';
import { ok, TesseraError, type Principal } from '@tessera/sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { DisablePluginDto } from './dto/plugin-disable.dto.js';
import { auditActor, pluginTarget } from './plugin-audit.js';

/** How often a non-graceful disable looks whether the plugin stopped taking requests. */
const STOP_POLL_MS = 5;

@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginLifecycleController {
  private readonly logger = new Logger('PluginAdmin');

  constructor(
    private readonly loader: PluginLoader,
    private readonly audit: AuditLog,
  ) {}

  @Post(':name/enable')
  @HttpCode(200)
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Start a disabled (or failed) plugin and record it as enabled' })
  async enable(@Param('name') name: string, @CurrentUser() principal: Principal) {
    return ok(await this.audit.around(auditActor(principal), 'plugin.enable', pluginTarget(name), {}, () => this.loader.enable(name)));
  }

  @Post(':name/disable')
  @HttpCode(200)
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Stop a plugin (and its dependents, listed in cascaded); its routes answer 404 until it is enabled' })
  async disable(@Param('name') name: string, @Body() body: DisablePluginDto, @CurrentUser() principal: Principal) {
    const params = { reason: body.reason ?? null, graceful: body.graceful ?? true };
    return ok(await this.audit.around(auditActor(principal), 'plugin.disable', pluginTarget(name), params, () => this.disabled(name, body)));
  }

  @Post(':name/restart')
  @HttpCode(200)
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Replace a running (or quarantined) plugin with a fresh instance; requests in flight finish on the old one' })
  async restart(@Param('name') name: string, @CurrentUser() principal: Principal) {
    return ok(await this.audit.around(auditActor(principal), 'plugin.restart', pluginTarget(name), {}, () => this.loader.restart(name)));
  }

  /**
   * Graceful: the kernel's disable, which answers once in-flight requests are done. Not
   * graceful: the same change, answered as soon as the plugin takes no new request, while
   * the kernel lets its in-flight requests finish in the background.
   */
  private async disabled(name: string, body: DisablePluginDto): Promise<ChangeResult> {
    const record = this.loader.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed; list them with GET /api/v1/plugins.`);
    const cascaded = this.loader.dependentsOf(name).filter((dependent) => this.loader.get(dependent)?.state === 'active');
    let settled = false;
    const change = this.loader.disable(name, body.reason).finally(() => (settled = true));
    if (body.graceful !== false) return change;
    // The kernel flips the state in the same tick as it stops routing, and has no event for
    // it (its lifecycle events fire after the drain), so the state is what to watch.
    while (!settled && (record.state === 'active' || record.state === 'loading')) await sleep(STOP_POLL_MS);
    if (settled) return change;
    change.catch((error: unknown) => this.logger.error(`Disabling ${name} failed after the answer was sent: ${(error as Error)?.message ?? String(error)}`));
    return { plugin: name, state: record.state, cascaded };
  }
}
