// The load generator of bench/plugin-restart.mjs: autocannon against one URL until stdin ends,
// then one line of JSON with the counts that matter here (answers, non-2xx, errors, timeouts).
// Run through autocannon's API rather than its CLI so the load can be stopped exactly when the
// restarts are done instead of after a guessed duration.
import { createRequire } from 'node:module';

const autocannon = createRequire(import.meta.url)('autocannon');
const [url, connections] = process.argv.slice(2);

const instance = autocannon({ url, connections: Number(connections), duration: 3_600 }, (error, result) => {
  if (error) throw error;
  process.stdout.write(
    `${JSON.stringify({
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      latencyMax: result.latency.max,
      seconds: result.duration,
    })}\n`,
  );
});
process.stdin.on('end', () => instance.stop()).resume();
process.stdout.write('STARTED\n');
