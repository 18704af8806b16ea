import type { RegisteredTask } from '../registry/registered-task.js';

/**
 * Splits the tasks due at one slot into levels run one after the other: by priority (lower
 * first), a task never in a level before one of its dependencies (its effective priority is raised
 * to theirs), and dependencies before their dependents inside a level. Dependency cycles are
 * refused when tasks are registered.
 */
export function orderForTick(tasks: RegisteredTask[]): RegisteredTask[][] {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const effective = new Map<string, number>();
  const priorityOf = (task: RegisteredTask): number => {
    const known = effective.get(task.name);
    if (known !== undefined) return known;
    let priority = task.behaviour.priority;
    for (const dependency of task.behaviour.dependsOn) {
      const due = byName.get(dependency);
      if (due) priority = Math.max(priority, priorityOf(due));
    }
    effective.set(task.name, priority);
    return priority;
  };
  const levels = new Map<number, RegisteredTask[]>();
  for (const task of tasks) {
    const priority = priorityOf(task);
    levels.set(priority, [...(levels.get(priority) ?? []), task]);
  }
  return [...levels.entries()].sort(([a], [b]) => a - b).map(([, level]) => dependenciesFirst(level));
}

function dependenciesFirst(level: RegisteredTask[]): RegisteredTask[] {
  const inLevel = new Map(level.map((t) => [t.name, t]));
  const ordered: RegisteredTask[] = [];
  const placed = new Set<string>();
  const place = (task: RegisteredTask): void => {
    if (placed.has(task.name)) return;
    placed.add(task.name);
    for (const dependency of task.behaviour.dependsOn) {
      const due = inLevel.get(dependency);
      if (due) place(due);
    }
    ordered.push(task);
  };
  level.forEach(place);
  return ordered;
}
