import type { TaskOutcome } from '@tessera/sdk';
import { invalid, type FieldProblem } from '../schedule/validation-error.js';
import type { HistoryQuery } from '../store/task-store.interface.js';

const OUTCOMES: ReadonlyArray<TaskOutcome | 'running'> = ['success', 'failure', 'timeout', 'skipped', 'running'];
export const MAX_PAGE_SIZE = 200;

/** Reads `?plugin&task&outcome&since&page&pageSize`; bad values throw VALIDATION_ERROR naming them. */
export function parseHistoryQuery(query: Record<string, string | string[] | undefined>): HistoryQuery {
  const problems: FieldProblem[] = [];
  // `?page=1&page=2` arrives as an array: the last value wins, as in most HTTP frameworks.
  const raw = Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[value.length - 1] : value]));
  const integer = (field: string, fallback: number, min: number, max: number): number => {
    const text = raw[field];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ field, message: `expected an integer from ${min} to ${max}` });
    return value;
  };
  const page = integer('page', 1, 1, Number.MAX_SAFE_INTEGER);
  const pageSize = integer('pageSize', 50, 1, MAX_PAGE_SIZE);
  const outcome = raw.outcome || undefined;
  if (outcome !== undefined && !OUTCOMES.includes(outcome as TaskOutcome)) problems.push({ field: 'outcome', message: `expected one of ${OUTCOMES.join(', ')}` });
  const since = raw.since ? new Date(raw.since) : undefined;
  if (since && Number.isNaN(since.getTime())) problems.push({ field: 'since', message: 'expected an ISO 8601 date, e.g. 2026-11-21T00:00:00Z' });
  if (problems.length > 0) throw invalid('The history query is not valid', problems);
  return { plugin: raw.plugin || undefined, task: raw.task || undefined, outcome: outcome as HistoryQuery['outcome'], since, page, pageSize };
}
