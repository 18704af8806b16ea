import { SetMetadata } from '@nestjs/common';
import { HEALTH_CHECK_METADATA } from '../plugin/plugin-metadata.constants.js';

/** What a `@HealthCheck()` method returns. */
export interface PluginHealthResult {
  status: 'up' | 'down';
  details?: Record<string, unknown>;
}

/**
 * Marks a provider method as one of the plugin's own health checks; the admin API's
 * plugin health and `/health/ready` call it.
 *
 * @example
 * @HealthCheck('upstream')
 * async upstream(): Promise<PluginHealthResult> { return { status: 'up' }; }
 */
export function HealthCheck(name = 'default'): MethodDecorator {
  return SetMetadata(HEALTH_CHECK_METADATA, { name });
}
