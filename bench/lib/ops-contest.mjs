import { performance } from 'node:perf_hooks';
import { median } from './stats.mjs';

/**
 * Operations per second of async operations run one after another (each awaited, as a
 * caller awaits an emit), for several contenders doing the same job. Every contender is
 * warmed up first; then the timed batches of the contenders are interleaved in rotated
 * order, so that a slow moment of a shared machine hits all of them, and the median batch
 * is kept.
 *
 * @example
 * const rows = await opsContest([{ id: 'a', run: () => bus.emit('x', payload) }], { batches: 9, batchMs: 100 });
 */
export async function opsContest(contenders, { batches = 9, batchMs = 100, warmupMs = 300 } = {}) {
  const sized = [];
  for (const contender of contenders) {
    // Warm-up doubles as calibration: how many operations fill one batch.
    let done = 0;
    const start = performance.now();
    while (performance.now() - start < warmupMs) {
      for (let i = 0; i < 100; i++) await contender.run();
      done += 100;
    }
    const perMs = done / (performance.now() - start);
    sized.push({ ...contender, iterations: Math.max(100, Math.round(perMs * batchMs)), rates: [] });
  }
  for (let batch = 0; batch < batches; batch++) {
    for (let i = 0; i < sized.length; i++) {
      const contender = sized[(i + batch) % sized.length];
      const start = performance.now();
      for (let n = 0; n < contender.iterations; n++) await contender.run();
      contender.rates.push((contender.iterations * 1000) / (performance.now() - start));
    }
  }
  return sized.map(({ id, label, rates }) => ({ id, label, opsPerSecond: median(rates), min: Math.min(...rates), max: Math.max(...rates) }));
}
