/**
 * What a readiness check reports. `down` makes `/health/ready` answer 503; `degraded`
 * (still serving, impaired: the cache fell back to memory) keeps it at 200.
 * Any other fields are shown as they are.
 */
export interface ReadinessReport {
  status: 'up' | 'degraded' | 'down';
}

/** One component `/health/ready` looks at (the database, the cache, the plugins...). */
export interface ReadinessCheck {
  /** Key under which the report appears, e.g. `database`. */
  readonly name: string;
  check(): Promise<ReadinessReport>;
}
