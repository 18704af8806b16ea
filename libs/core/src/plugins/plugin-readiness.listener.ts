import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PluginHealthService } from '@tessera/kernel';
import { ReadinessRegistry } from '@tessera/observability';

/**
 * Adds the plugins to `/health/ready`: `degraded` (still 200) when a plugin is in error,
 * quarantined or one of its own health checks is down, never `down`: the host and the
 * other plugins keep serving, so the instance must stay in rotation.
 */
@Injectable()
export class PluginReadinessListener implements OnModuleInit {
  constructor(
    @Inject(ReadinessRegistry) private readonly registry: ReadinessRegistry,
    @Inject(PluginHealthService) private readonly health: PluginHealthService,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'plugins', check: () => this.health.readiness() });
  }
}
