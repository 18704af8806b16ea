/**
 * For every name that lies on a dependency cycle, the shortest cycle through it, written from it:
 * `users -> audit -> users`. A plugin depending on itself gives `a -> a`.
 *
 * @example
 * findCycles(new Map([['users', ['audit']], ['audit', ['users']], ['blog', ['users']]]));
 * // Map { 'audit' => ['audit', 'users', 'audit'], 'users' => ['users', 'audit', 'users'] }
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const cycles = new Map<string, string[]>();
  for (const start of [...edges.keys()].sort()) {
    // Breadth-first from `start` until it is reached again: the first path back is the shortest.
    const cameFrom = new Map<string, string>();
    const queue = [start];
    let found = false;
    while (queue.length > 0 && !found) {
      const current = queue.shift()!;
      for (const next of [...(edges.get(current) ?? [])].sort()) {
        if (next === start) {
          const chain = [current];
          while (chain[0] !== start) chain.unshift(cameFrom.get(chain[0])!);
          cycles.set(start, [...chain, start]);
          found = true;
          break;
        }
        if (!cameFrom.has(next) && edges.has(next)) {
          cameFrom.set(next, current);
          queue.push(next);
        }
      }
    }
  }
  return cycles;
}
