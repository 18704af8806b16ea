import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@tessera/auth';
import { ok } from '@tessera/sdk';
import { API_V1_PREFIX } from '../admin.constants.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { AuditQueryDto } from './audit-query.dto.js';
import { AuditLog } from './audit-log.service.js';
import { auditEntryView } from './audit-entry.view.js';

@AdminApiController(`${API_V1_PREFIX}/audit`, 'audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'The audit trail of admin changes, newest first (filters: actor, action, target, result, time range)' })
  async list(@Query() query: AuditQueryDto) {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? 50;
    const { items, total } = await this.audit.query({
      actor: query.actor,
      action: query.action,
      target: query.target,
      result: query.result,
      since: query.start_time,
      until: query.end_time,
      page,
      perPage,
    });
    return ok({ items: items.map(auditEntryView), total, page, per_page: perPage });
  }
}
