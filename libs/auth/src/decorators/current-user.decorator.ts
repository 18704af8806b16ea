import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@tessera/sdk';
import { PRINCIPAL_REQUEST_KEY } from '../auth.constants.js';

/**
 * Injects the authenticated {@link Principal} (or one of its fields) into a route handler.
 * Undefined on a `@Public()` route.
 *
 * @example
 * @Get('me') me(@CurrentUser() principal: Principal) { return ok(principal); }
 * @Get('mine') mine(@CurrentUser('id') accountId: string) { ... }
 */
export const CurrentUser = createParamDecorator((field: keyof Principal | undefined, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<Record<string, unknown>>()[PRINCIPAL_REQUEST_KEY] as Principal | undefined;
  return field ? principal?.[field] : principal;
});
