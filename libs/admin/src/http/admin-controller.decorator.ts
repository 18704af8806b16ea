import { Controller, UseGuards, UseInterceptors, UsePipes, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RetryAfterInterceptor } from '@tessera/auth';
import { createValidationPipe } from '@tessera/observability';
import { ADMIN_API_PREFIX } from '../admin.constants.js';
import { AdminPrincipalGuard } from './admin-principal.guard.js';

/**
 * A controller of the admin REST API under `/api/v1/admin/<path>`: OpenAPI tag and bearer
 * auth, admin principals only, Tessera's validation pipe (VALIDATION_ERROR per field), and
 * `Retry-After` on 429.
 *
 * @example
 * @AdminController('roles', 'admin roles') export class RolesController { ... }
 */
export function AdminController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`${ADMIN_API_PREFIX}/${path}`),
    ApiTags(tag),
    ApiBearerAuth(),
    UseGuards(AdminPrincipalGuard),
    // The host installs the same pipe globally; repeating it keeps the admin API validated in any app.
    UsePipes(createValidationPipe()),
    UseInterceptors(RetryAfterInterceptor),
  );
}
