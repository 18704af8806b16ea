import { describe, expect, it } from 'vitest';
import type { RegisteredTask } from '../registry/registered-task.js';
import { orderForTick } from './tick-order.js';

const task = (name: string, priority: number, dependsOn: string[] = []): RegisteredTask => ({ name, behaviour: { priority, dependsOn } }) as RegisteredTask;
const names = (levels: RegisteredTask[][]): string[][] => levels.map((level) => level.map((t) => t.name));

describe('orderForTick', () => {
  it('groups by priority, lower first, equal priorities side by side', () => {
    expect(names(orderForTick([task('c', 5), task('a', -1), task('b', 0), task('b2', 0)]))).toEqual([['a'], ['b', 'b2'], ['c']]);
  });

  it('never puts a task in a level before its dependency, and puts dependencies first within a level', () => {
    const levels = orderForTick([task('report', 0, ['aggregate']), task('aggregate', 3, ['extract']), task('extract', 3), task('other', 1)]);
    expect(names(levels)).toEqual([['other'], ['extract', 'aggregate', 'report']]);
  });

  it('ignores dependencies that are not due in this tick', () => {
    expect(names(orderForTick([task('b', 0, ['not-due'])]))).toEqual([['b']]);
  });
});
