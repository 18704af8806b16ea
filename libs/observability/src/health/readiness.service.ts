import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { ReadinessRegistry } from './readiness.registry.js';
import type { ReadinessCheck, ReadinessReport } from './readiness-check.interface.js';

// A check that hangs must not hang the probe: the load balancer would time out and guess.
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Runs every registered readiness check through @nestjs/terminus. Resolves with the
 * terminus result when nothing is down (`status` `ok` or `degraded`); rejects with
 * terminus's ServiceUnavailableException (the result as its response) otherwise.
 *
 * @example
 * const result = await readiness.check(); // { status: 'degraded', details: { cache: { status: 'degraded', ... } } }
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  check(): Promise<HealthCheckResult> {
    return this.health.check(this.registry.list().map((check) => () => this.run(check)));
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(check.name);
    let report: ReadinessReport;
    try {
      report = await withTimeout(check.check(), check.name);
    } catch (error) {
      return session.down({ error: error instanceof Error ? error.message : String(error) });
    }
    const { status, ...rest } = report;
    const details = rest as Record<string, unknown>;
    if (status === 'up') return session.up(details);
    if (status === 'degraded') return session.degraded(details);
    return session.down(details);
  }
}

function withTimeout<T>(promise: Promise<T>, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The ${name} check did not answer within ${CHECK_TIMEOUT_MS} ms.`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
