/**
 * Kahn's algorithm over `names`, where `dependenciesOf` lists what must come before a name
 * (names outside the set are ignored). Among the names ready at a step, the alphabetically first
 * goes first, so the order never depends on input order. Names caught in a cycle come last, by name.
 *
 * @example
 * topologicalOrder(['b', 'a', 'c'], (name) => (name === 'a' ? ['c'] : [])); // ['b', 'c', 'a']
 */
export function topologicalOrder(names: Iterable<string>, dependenciesOf: (name: string) => Iterable<string>): string[] {
  const members = new Set(names);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const name of members) {
    const before = new Set([...dependenciesOf(name)].filter((dependency) => members.has(dependency) && dependency !== name));
    waitingOn.set(name, before.size);
    for (const dependency of before) dependents.set(dependency, [...(dependents.get(dependency) ?? []), name]);
  }
  const ready = [...members].filter((name) => waitingOn.get(name) === 0).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const name = ready.shift()!;
    order.push(name);
    for (const dependent of dependents.get(name) ?? []) {
      const left = waitingOn.get(dependent)! - 1;
      waitingOn.set(dependent, left);
      if (left === 0) {
        // Plugin sets are small (tens): a sorted insert is simpler than a heap and as fast here.
        const at = ready.findIndex((other) => other > dependent);
        ready.splice(at === -1 ? ready.length : at, 0, dependent);
      }
    }
  }
  const placed = new Set(order);
  return [...order, ...[...members].filter((name) => !placed.has(name)).sort()];
}
