import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ENDPOINT_METADATA, type Authenticator, type EndpointOptions } from '@tessera/sdk';
import { checkEndpointAccess, type AccessRequest } from './endpoint-access.js';

/**
 * The authentication and permission step of a plugin's guard chain, for the endpoints
 * Nest's router serves (see direct-endpoint.ts for the others). Endpoint options are read
 * once per handler and kept, so the per-request cost is a WeakMap lookup plus the
 * authenticator's own (cached) token check.
 */
export class PluginEndpointGuard implements CanActivate {
  private readonly optionsByHandler = new WeakMap<Function, EndpointOptions>();

  constructor(
    private readonly plugin: string,
    private readonly authenticator: () => Authenticator | undefined,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AccessRequest>();
    const pending = checkEndpointAccess(request, this.endpointOptions(context.getHandler()), this.plugin, this.authenticator);
    // A plain `true` for a public endpoint, not a promise: Nest then goes on without awaiting.
    return pending ? pending.then(() => true) : true;
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
