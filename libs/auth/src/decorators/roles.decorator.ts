import { SetMetadata } from '@nestjs/common';
import { REQUIRED_ROLES_KEY } from '../auth.constants.js';

/**
 * Requires at least one of the listed roles; otherwise 403 `FORBIDDEN`. Prefer
 * `@RequirePermission`: roles are names an admin may change, permissions are what code checks.
 *
 * @example
 * @Roles('super_admin') @Delete(':id') remove() { ... }
 */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES_KEY, roles);
