import { Controller, UseGuards, UseInterceptors, UsePipes, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RetryAfterInterceptor } from '@tessera/auth';
import { ADMIN_API_PREFIX } from '../admin.constants.js';
import { AdminPrincipalGuard } from './admin-principal.guard.js';
import { createAdminValidationPipe } from './admin-validation.pipe.js';

/**
 * A controller of the admin REST API under `/api/v1/admin/<path>`: OpenAPI tag and bearer
 * auth, admin principals only, the admin validation pipe, and `Retry-After` on 429.
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
    UsePipes(createAdminValidationPipe()),
    UseInterceptors(RetryAfterInterceptor),
  );
}
