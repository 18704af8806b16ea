import { PRINCIPAL_REQUEST_KEY, TesseraError, hasPermission, type Authenticator, type EndpointOptions, type Principal } from '@tessera/sdk';

/** The parts of a request the access check reads and writes. */
export interface AccessRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  [PRINCIPAL_REQUEST_KEY]?: Principal;
}

/**
 * The authentication and permission step of a plugin endpoint, shared by the Nest guard
 * and the direct route handler so both refuse the same requests with the same errors.
 * A public endpoint passes at once (no promise), and so does any other when the
 * authenticator can answer without waiting (`authenticateNow`); otherwise the check waits
 * for `authenticate`. The principal goes on the request; then the endpoint's permission.
 *
 * @example
 * const pending = checkEndpointAccess(request, { permission: 'users.read' }, 'users', authenticator);
 * if (pending) await pending;
 */
export function checkEndpointAccess(
  request: AccessRequest,
  options: EndpointOptions,
  plugin: string,
  authenticator: () => Authenticator | undefined,
): Promise<void> | undefined {
  if (options.public) return undefined;
  const resolved = authenticator();
  if (!resolved) return Promise.reject(unauthorized());
  // The request itself is the AuthenticationRequest (headers, ip): no copy, and `ip` is only
  // worked out if the authenticator reads it.
  const now = resolved.authenticateNow?.(request);
  if (now) {
    admit(request, now.principal, options, plugin);
    return undefined;
  }
  return resolved.authenticate(request).then((principal) => admit(request, principal, options, plugin));
}

function admit(request: AccessRequest, principal: Principal | null, options: EndpointOptions, plugin: string): void {
  if (!principal) throw unauthorized();
  request[PRINCIPAL_REQUEST_KEY] = principal;
  if (options.permission && !hasPermission(principal, options.permission)) {
    throw new TesseraError('FORBIDDEN', `This endpoint of plugin "${plugin}" needs the permission "${options.permission}".`, {
      permission: options.permission,
    });
  }
}

function unauthorized(): TesseraError {
  return new TesseraError('UNAUTHORIZED', 'This endpoint needs a bearer token: send "Authorization: Bearer <access token>".');
}
