import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from './readiness-check.interface.js';

/**
 * The checks behind `/health/ready`. The host registers the database and the cache;
 * the kernel may add its own (for example the plugins) and remove it again.
 *
 * @example
 * readiness.register({ name: 'plugins', check: async () => ({ status: 'up', active: 3 }) });
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  list(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
