import { SetMetadata } from '@nestjs/common';
import { REQUIRED_PERMISSIONS_KEY } from '../auth.constants.js';

/**
 * Requires every listed permission (exact, `prefix.*` or `*` held); otherwise 403 `FORBIDDEN`.
 * On a controller it applies to each route; a route's own list replaces the controller's.
 *
 * @example
 * @RequirePermission('plugins.manage') @Post(':name/enable') enable() { ... }
 */
export const RequirePermission = (...permissions: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSIONS_KEY, permissions);
