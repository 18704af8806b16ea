import { Controller, UseGuards, UsePipes, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createValidationPipe } from '@tessera/observability';
import { ADMIN_API_PREFIX, API_V1_PREFIX } from '../admin.constants.js';
import { AdminPrincipalGuard } from './admin-principal.guard.js';

/**
 * A controller of the admin REST API under `/api/v1/admin/<path>`: OpenAPI tag and bearer
 * auth, admin principals only, and Tessera's validation pipe (VALIDATION_ERROR per field).
 * `Retry-After` on 429 comes from the exception filter.
 *
 * @example
 * @AdminController('roles', 'admin roles') export class RolesController { ... }
 */
export function AdminController(path: string, tag: string): ClassDecorator {
  return AdminApiController(`${ADMIN_API_PREFIX}/${path}`, tag);
}

/**
 * Like {@link AdminController}, for admin routes that live beside `/api/v1/admin` rather than
 * under it (`/api/v1/plugins`, `/api/v1/audit`).
 *
 * @example
 * @AdminApiController(`${API_V1_PREFIX}/audit`, 'audit') export class AuditController { ... }
 */
export function AdminApiController(fullPath: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(fullPath),
    ApiTags(tag),
    ApiBearerAuth(),
    UseGuards(AdminPrincipalGuard),
    // The host installs the same pipe globally; repeating it keeps the admin API validated in any app.
    UsePipes(createValidationPipe()),
  );
}
