import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CacheService } from '@tessera/cache';
import { checkDatabase } from '@tessera/database';
import { ReadinessRegistry } from '@tessera/observability';
import { DataSource } from 'typeorm';

/**
 * Registers what the host itself needs to serve: the database (down → not ready, 503)
 * and the cache (a Redis outage only degrades it: requests bypass the cache and still
 * succeed, so the instance stays in rotation with status 200).
 */
@Injectable()
export class CoreReadinessChecks implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly dataSource: DataSource,
    private readonly cache: CacheService,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'database', check: () => checkDatabase(this.dataSource) });
    this.registry.register({ name: 'cache', check: () => this.cache.health() });
  }
}
