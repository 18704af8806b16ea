import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, REQUIRED_PERMISSIONS_KEY, REQUIRED_ROLES_KEY } from '../auth.constants.js';

/**
 * Reads what `@Public`, `@RequirePermission` and `@Roles` wrote; the route wins over its controller.
 *
 * @example
 * if (!metadata.isPublic(context)) check(metadata.requiredPermissions(context));
 */
@Injectable()
export class AuthMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  isPublic(context: ExecutionContext): boolean {
    return this.read<boolean>(IS_PUBLIC_KEY, context) === true;
  }

  requiredPermissions(context: ExecutionContext): string[] {
    return this.read<string[]>(REQUIRED_PERMISSIONS_KEY, context) ?? [];
  }

  requiredRoles(context: ExecutionContext): string[] {
    return this.read<string[]>(REQUIRED_ROLES_KEY, context) ?? [];
  }

  private read<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T>(key, [context.getHandler(), context.getClass()]);
  }
}
