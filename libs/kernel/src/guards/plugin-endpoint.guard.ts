import type { CanActivate, ExecutionContext } from '@nestjs/common';
import {
  ENDPOINT_METADATA,
  PRINCIPAL_REQUEST_KEY,
  TesseraError,
  hasPermission,
  type Authenticator,
  type EndpointOptions,
} from '@tessera/sdk';

/**
 * The authentication and permission step of a plugin's guard chain. Endpoint options are
 * read once per handler and kept, so the per-request cost is a WeakMap lookup plus the
 * authenticator's own (cached) token check.
 */
export class PluginEndpointGuard implements CanActivate {
  private readonly optionsByHandler = new WeakMap<Function, EndpointOptions>();

  constructor(
    private readonly plugin: string,
    private readonly authenticator: () => Authenticator | undefined,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const options = this.endpointOptions(context.getHandler());
    // A plain `true`, not a promise: Nest then goes on without awaiting the guard.
    if (options.public) return true;
    return this.authenticate(context, options);
  }

  private async authenticate(context: ExecutionContext, options: EndpointOptions): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; ip?: string } & Record<string, unknown>>();
    const authenticator = this.authenticator();
    const principal = authenticator ? await authenticator.authenticate({ headers: request.headers, ip: request.ip }) : null;
    if (!principal) {
      throw new TesseraError('UNAUTHORIZED', 'This endpoint needs a bearer token: send "Authorization: Bearer <access token>".');
    }
    request[PRINCIPAL_REQUEST_KEY] = principal;
    if (options.permission && !hasPermission(principal, options.permission)) {
      throw new TesseraError('FORBIDDEN', `This endpoint of plugin "${this.plugin}" needs the permission "${options.permission}".`, {
        permission: options.permission,
      });
    }
    return true;
  }

  private endpointOptions(handler: Function): EndpointOptions {
    let options = this.optionsByHandler.get(handler);
    if (!options) {
      options = (Reflect.getMetadata(ENDPOINT_METADATA, handler) as EndpointOptions | undefined) ?? {};
      this.optionsByHandler.set(handler, options);
    }
    return options;
  }
}
