// What every HTTP contest script takes on its command line, and how it starts its contest,
// so that bench/kernel-http.mjs, kernel-http-layers.mjs and auth-http.mjs read the same flags.
import { parseArgs } from 'node:util';
import { HttpContest } from './http-contest.mjs';

/**
 * Parses `--write --rounds N --duration S --warmup S --connections C` with this benchmark's
 * defaults, plus its own `extra` options (parseArgs format).
 *
 * @example
 * const flags = contestFlags({ rounds: 5, duration: 5 }, { logins: { type: 'string', default: '30' } });
 */
export function contestFlags({ rounds, duration }, extra = {}) {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      rounds: { type: 'string', default: String(rounds) },
      duration: { type: 'string', default: String(duration) },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '50' },
      ...extra,
    },
  });
  return values;
}

/**
 * The contest those flags describe (an HttpContest, or a subclass such as AuthHttpContest),
 * which says when it runs unpinned and stops its servers on Ctrl-C, so none stays pinned to a core.
 */
export function startContest(flags, Contest = HttpContest) {
  const contest = new Contest({
    rounds: Number(flags.rounds),
    duration: Number(flags.duration),
    warmup: Number(flags.warmup),
    connections: Number(flags.connections),
  });
  if (!contest.pinned) console.warn('taskset is missing: servers and load generator run unpinned.');
  process.once('SIGINT', () => void contest.stopAll().finally(() => process.exit(130)));
  return contest;
}
