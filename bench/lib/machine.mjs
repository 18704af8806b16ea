import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

/** True when `taskset` can pin processes to a core on this machine. */
export function hasTaskset() {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * One line describing where a run happened. The load average is part of it because these
 * machines are shared: a run next to someone's test suite is slower, and says so.
 */
export function describeMachine() {
  const [cpu] = cpus();
  const load = loadavg().map((value) => value.toFixed(2)).join(' / ');
  return `${cpu?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}; load average (1/5/15 min) at start ${load}`;
}

/** Today as YYYY-MM-DD HH:MM UTC. */
export function runDate() {
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
