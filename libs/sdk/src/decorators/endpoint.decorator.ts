import { applyDecorators, RequestMapping, RequestMethod, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ENDPOINT_METADATA } from '../plugin/plugin-metadata.constants.js';

export type EndpointMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface EndpointOptions {
  /** Permission the caller must hold (`users.read`); checked after authentication. */
  permission?: string;
  /** Skip authentication (and so the permission check). */
  public?: boolean;
  /** One line for the OpenAPI page. */
  summary?: string;
}

const METHODS: Record<EndpointMethod, RequestMethod> = {
  GET: RequestMethod.GET,
  POST: RequestMethod.POST,
  PUT: RequestMethod.PUT,
  PATCH: RequestMethod.PATCH,
  DELETE: RequestMethod.DELETE,
  HEAD: RequestMethod.HEAD,
  OPTIONS: RequestMethod.OPTIONS,
};

/**
 * A route of a plugin controller. It is mounted under `/plugins/<plugin>/<controller path>`
 * and passes the plugin's guard chain: authentication (unless `public`), the permission,
 * the manifest's rate limit and timeout, and per-plugin metrics.
 *
 * @example
 * @Endpoint('GET', '/:id', { permission: 'users.read' })
 * findOne(@Param('id') id: string) { ... }
 */
export function Endpoint(method: EndpointMethod, path = '/', options: EndpointOptions = {}): MethodDecorator {
  const decorators = [RequestMapping({ path, method: METHODS[method] }), SetMetadata(ENDPOINT_METADATA, options)];
  if (options.summary) decorators.push(ApiOperation({ summary: options.summary }));
  return applyDecorators(...decorators);
}
