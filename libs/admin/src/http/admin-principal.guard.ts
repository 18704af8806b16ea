import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { PRINCIPAL_REQUEST_KEY } from '@tessera/auth';
import { TesseraError, type Principal } from '@tessera/sdk';

/**
 * Keeps end users out of the admin API: after the global guard authenticated the request,
 * the principal must be an admin account. Public routes (no principal) pass.
 *
 * @example
 * @UseGuards(AdminPrincipalGuard) @Controller('api/v1/admin/reports') export class ReportsController { ... }
 */
@Injectable()
export class AdminPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<Record<string, unknown>>()[PRINCIPAL_REQUEST_KEY] as Principal | undefined;
    if (principal && principal.kind !== 'admin') {
      throw new TesseraError('FORBIDDEN', 'The admin API is for admin accounts; this token belongs to an end user.');
    }
    return true;
  }
}
