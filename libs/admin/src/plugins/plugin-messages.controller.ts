import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { ActionRouter, PluginLoader } from '@tessera/kernel';
import { ok, TesseraError, type Principal } from '@tessera/sdk';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { PluginBroadcastDto, PluginMessageDto } from './dto/plugin-message.dto.js';
import { actionError } from './action-answer.js';
import { auditActor, pluginTarget } from './plugin-audit.js';

/** What the audit trail keeps of a message: the payload may carry anything, so only its top-level keys. */
function messageParams(body: PluginMessageDto): Record<string, unknown> {
  const payload = body.payload;
  const payloadKeys = payload && typeof payload === 'object' && !Array.isArray(payload) ? Object.keys(payload) : [];
  return { action: body.action, payload_keys: payloadKeys, timeout_ms: body.timeout_ms ?? null };
}

@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginMessagesController {
  constructor(
    private readonly loader: PluginLoader,
    private readonly actions: ActionRouter,
    private readonly audit: AuditLog,
  ) {}

  @Post('broadcast')
  @HttpCode(200)
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Call an action on every active plugin that has it (optionally one category, minus exclusions); one answer per plugin' })
  async broadcast(@Body() body: PluginBroadcastDto, @CurrentUser() principal: Principal) {
    const params = { ...messageParams(body), category: body.category ?? null, exclude: body.exclude ?? [] };
    return ok(await this.audit.around(auditActor(principal), 'plugin.broadcast', 'plugins', params, () => this.broadcastTo(body)));
  }

  @Post(':name/message')
  @HttpCode(200)
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: "Call one of a plugin's actions and answer its data (408 PLUGIN_COMMUNICATION_TIMEOUT past timeout_ms)" })
  async message(@Param('name') name: string, @Body() body: PluginMessageDto, @CurrentUser() principal: Principal) {
    return ok(await this.audit.around(auditActor(principal), 'plugin.message', pluginTarget(name), messageParams(body), () => this.send(name, body)));
  }

  private async send(name: string, body: PluginMessageDto): Promise<unknown> {
    const record = this.loader.get(name);
    if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed; list them with GET /api/v1/plugins.`);
    if (record.quarantine) throw new TesseraError('PLUGIN_QUARANTINED', `Plugin "${name}" is quarantined (${record.quarantine.reason}); restart it first.`);
    const answer = await this.actions.call(name, body.action, body.payload, { timeoutMs: body.timeout_ms });
    if (!answer.ok) throw actionError(answer.error);
    return answer.data;
  }

  /**
   * Calls the plugins that have the action, all at once; the active plugins without it are
   * listed in `skipped` rather than answered with ACTION_NOT_FOUND each.
   */
  private async broadcastTo(body: PluginBroadcastDto) {
    const exclude = new Set(body.exclude ?? []);
    const candidates = this.loader
      .list()
      .filter((record) => record.state === 'active' && !record.quarantine && !exclude.has(record.name))
      .filter((record) => !body.category || record.manifest?.category === body.category)
      .map((record) => record.name);
    const targets = candidates.filter((name) => this.actions.actionsOf(name).includes(body.action));
    const results = await Promise.all(
      targets.map(async (plugin) => {
        const answer = await this.actions.call(plugin, body.action, body.payload, { timeoutMs: body.timeout_ms });
        return answer.ok ? { plugin, ok: true, data: answer.data } : { plugin, ok: false, error: answer.error };
      }),
    );
    const succeeded = results.filter((result) => result.ok).length;
    return {
      action: body.action,
      results,
      skipped: candidates.filter((name) => !targets.includes(name)),
      summary: { sent: results.length, succeeded, failed: results.length - succeeded },
    };
  }
}
