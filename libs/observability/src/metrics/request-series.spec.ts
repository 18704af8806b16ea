import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerRequestSeries, RequestSeries } from './request-series.js';

const BUCKETS = [0.005, 0.01, 0.1, 1];
const NAMES = { histogram: 'req_seconds', histogramHelp: 'Request time.', counter: 'req_total', counterHelp: 'Requests.' };
const LABELS = ['method', 'route', 'status_code', 'plugin'] as const;

type Observation = [method: string, route: string, status: number, plugin: string, seconds: number];

// Edge values on purpose: exactly on a bucket bound (counts in that bucket), above the last one.
const OBSERVATIONS: Observation[] = [
  ['GET', '/users/:id', 200, 'users', 0.005],
  ['GET', '/users/:id', 200, 'users', 0.0051],
  ['GET', '/users/:id', 404, 'users', 0.2],
  ['POST', '/users', 201, 'users', 3],
  ['GET', '/health', 200, '', 0],
  ['GET', '/users/:id', 200, 'users', 1],
];

/** The same observations through prom-client's own Histogram, the reference. */
async function referenceText(observations: Observation[]): Promise<string> {
  const registry = new Registry();
  const histogram = new Histogram({ name: NAMES.histogram, help: NAMES.histogramHelp, labelNames: LABELS, buckets: BUCKETS, registers: [registry] });
  const counter = new Counter({ name: NAMES.counter, help: NAMES.counterHelp, labelNames: LABELS, registers: [registry] });
  for (const [method, route, status, plugin, seconds] of observations) {
    histogram.observe({ method, route, status_code: status, plugin }, seconds);
    counter.inc({ method, route, status_code: status, plugin });
  }
  return registry.metrics();
}

function seriesText(observations: Observation[]): { series: RequestSeries; registry: Registry } {
  const registry = new Registry();
  const series = new RequestSeries(BUCKETS);
  registerRequestSeries(registry, series, NAMES);
  for (const [method, route, status, plugin, seconds] of observations) series.observe(method, route, status, plugin, seconds);
  return { series, registry };
}

const sortedLines = (text: string) => text.split('\n').filter(Boolean).sort();

describe('RequestSeries', () => {
  it('exposes the same lines as prom-client’s own histogram and counter for the same requests', async () => {
    const { registry } = seriesText(OBSERVATIONS);
    const text = await registry.metrics();
    expect(sortedLines(text)).toEqual(sortedLines(await referenceText(OBSERVATIONS)));
    expect(text).toContain('req_seconds_bucket{le="0.005",method="GET",route="/users/:id",status_code="200",plugin="users"} 1');
    expect(text).toContain('req_seconds_bucket{le="+Inf",method="POST",route="/users",status_code="201",plugin="users"} 1');
    expect(text).toContain('req_total{method="GET",route="/users/:id",status_code="200",plugin="users"} 3');
  });

  it('keeps one series per method, status and plugin of a route', async () => {
    const { registry } = seriesText([
      ['GET', '/items', 200, 'a', 0.001],
      ['GET', '/items', 200, 'b', 0.001],
      ['DELETE', '/items', 200, 'a', 0.001],
      ['GET', '/items', 500, 'a', 0.001],
      ['GET', '/items', 200, 'a', 0.001],
    ]);
    const counts = (await registry.metrics()).split('\n').filter((line) => line.startsWith('req_total{'));
    expect(counts).toHaveLength(4);
    expect(counts).toContain('req_total{method="GET",route="/items",status_code="200",plugin="a"} 2');
  });

  it('starts again from nothing when the registry resets its metrics', async () => {
    const { registry, series } = seriesText(OBSERVATIONS);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('req_total{');
    series.observe('GET', '/health', 200, '', 0.001);
    expect(await registry.metrics()).toContain('req_total{method="GET",route="/health",status_code="200",plugin=""} 1');
  });
});
