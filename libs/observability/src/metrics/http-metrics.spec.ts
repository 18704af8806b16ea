import { describe, expect, it } from 'vitest';
import { HttpMetrics } from './http-metrics.js';

describe('HttpMetrics', () => {
  it('counts requests and their durations by method, route pattern, status and plugin', async () => {
    const metrics = new HttpMetrics({ defaultMetrics: false });
    metrics.observe('GET', '/users/:id', 200, 0.02, { plugin: 'users' });
    metrics.observe('GET', '/users/:id', 200, 0.03, { plugin: 'users' });
    metrics.observe('GET', '/health', 200, 0.001);

    const text = await metrics.render();
    expect(text).toContain('http_requests_total{method="GET",route="/users/:id",status_code="200",plugin="users"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="/health",status_code="200",plugin=""} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/users/:id",status_code="200",plugin="users"} 2');
    expect(metrics.contentType).toContain('text/plain');
  });

  it('includes the process metrics unless told not to, and two instances never clash', async () => {
    const first = new HttpMetrics();
    const second = new HttpMetrics();
    expect(await first.render()).toContain('process_cpu_user_seconds_total');
    expect(await second.render()).toContain('nodejs_eventloop_lag_seconds');
  });
});
