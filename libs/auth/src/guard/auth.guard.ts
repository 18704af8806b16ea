import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AUTHENTICATOR, TesseraError, hasPermission, type Authenticator } from '@tessera/sdk';
import { PRINCIPAL_REQUEST_KEY } from '../auth.constants.js';
import { AuthMetadataAccessor } from './auth-metadata.accessor.js';

/**
 * The global guard: every HTTP route needs a valid bearer token unless marked `@Public()`,
 * then the permissions of `@RequirePermission` and the roles of `@Roles`. Answers 401
 * `UNAUTHORIZED` or 403 `FORBIDDEN` as TesseraErrors; leaves the principal on the request
 * for `@CurrentUser()`.
 *
 * @example
 * // in the host module
 * providers: [{ provide: APP_GUARD, useExisting: AuthGuard }]
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly metadata: AuthMetadataAccessor,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.metadata.isPublic(context)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; ip?: string } & Record<string, unknown>>();
    const principal = await this.authenticator.authenticate({ headers: request.headers, ip: request.ip });
    if (!principal) {
      throw new TesseraError('UNAUTHORIZED', 'This endpoint needs a bearer token: log in, then send "Authorization: Bearer <access_token>".');
    }
    request[PRINCIPAL_REQUEST_KEY] = principal;

    const missing = this.metadata.requiredPermissions(context).filter((permission) => !hasPermission(principal, permission));
    if (missing.length) {
      throw new TesseraError('FORBIDDEN', `This action needs the permission ${missing.map((p) => `"${p}"`).join(', ')}; ask an admin to grant it to one of your roles.`, {
        missing_permissions: missing,
      });
    }
    const roles = this.metadata.requiredRoles(context);
    if (roles.length && !roles.some((role) => principal.roles.includes(role))) {
      throw new TesseraError('FORBIDDEN', `This action needs one of the roles ${roles.map((r) => `"${r}"`).join(', ')}.`, { required_roles: roles });
    }
    return true;
  }
}
