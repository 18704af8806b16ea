import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Labels beyond method, route and status. */
export interface HttpMetricLabels {
  /** The plugin that served the request; empty for the host's own routes. */
  plugin?: string;
}

export interface HttpMetricsOptions {
  /** Registry to write into; a fresh one by default, so two apps in one process never clash. */
  registry?: Registry;
  /** Also collect Node's process metrics (CPU, memory, event loop, GC). Default true. */
  defaultMetrics?: boolean;
  /** Histogram buckets in seconds. */
  buckets?: number[];
}

const LABELS = ['method', 'route', 'status_code', 'plugin'] as const;

/**
 * The HTTP request series exposed at `/metrics`: `http_requests_total` and the
 * `http_request_duration_seconds` histogram, labelled by method, route pattern, status
 * code and plugin. The route must be the pattern (`/users/:id`), never the raw URL, or
 * every id becomes a new series.
 *
 * @example
 * metrics.observe('GET', '/plugins/users/:id', 200, 0.012, { plugin: 'users' });
 * reply.type(metrics.contentType).send(await metrics.render());
 */
export class HttpMetrics {
  readonly registry: Registry;
  private readonly duration: Histogram<(typeof LABELS)[number]>;

  constructor(options: HttpMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const duration = (this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern, status code and plugin.',
      labelNames: LABELS,
      buckets: options.buckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    }));
    new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern, status code and plugin.',
      labelNames: LABELS,
      registers: [this.registry],
      // Read off the histogram's counts at scrape time, so a request pays for one series, not two.
      async collect() {
        this.reset();
        for (const sample of (await duration.get()).values) {
          if (sample.metricName === 'http_request_duration_seconds_count') this.inc(sample.labels as Record<(typeof LABELS)[number], string>, sample.value);
        }
      },
    });
  }

  /** Records one answered request. */
  observe(method: string, route: string, status: number, seconds: number, labels: HttpMetricLabels = {}): void {
    this.duration.observe({ method, route, status_code: status, plugin: labels.plugin ?? '' }, seconds);
  }

  /** The Prometheus text exposition of every metric in the registry. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
