import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerRequestSeries, RequestSeries } from './request-series.js';

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

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

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
  private readonly series: RequestSeries;

  constructor(options: HttpMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.series = new RequestSeries(options.buckets ?? DEFAULT_BUCKETS);
    // http_requests_total is read off the histogram's counts at scrape time: a request pays for one series, not two.
    registerRequestSeries(this.registry, this.series, {
      histogram: 'http_request_duration_seconds',
      histogramHelp: 'Time to answer an HTTP request, by method, route pattern, status code and plugin.',
      counter: 'http_requests_total',
      counterHelp: 'HTTP requests answered, by method, route pattern, status code and plugin.',
    });
  }

  /** Records one answered request. */
  observe(method: string, route: string, status: number, seconds: number, labels: HttpMetricLabels = {}): void {
    this.series.observe(method, route, status, labels.plugin ?? '', seconds);
  }

  /** The Prometheus text exposition of every metric in the registry. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
