import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal.interface.js';

/** The request property where the guard chain puts the authenticated principal. */
export const PRINCIPAL_REQUEST_KEY = 'principal';

/**
 * Injects the authenticated principal (or undefined on a public endpoint without a token).
 *
 * @example
 * @Endpoint('GET', '/me')
 * me(@CurrentPrincipal() principal: Principal) { return principal; }
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | undefined => {
  const request = context.switchToHttp().getRequest<Record<string, unknown>>();
  return request[PRINCIPAL_REQUEST_KEY] as Principal | undefined;
});
