import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { invalid, type FieldProblem } from './schedule/validation-error.js';
import type { ResolvedSchedulerOptions, SchedulerModuleOptions } from './scheduler-options.interface.js';

/** Applies defaults and checks the options once, at boot; a bad value fails with its name. */
export function resolveSchedulerOptions(options: SchedulerModuleOptions): ResolvedSchedulerOptions {
  const resolved: ResolvedSchedulerOptions = {
    instanceId: options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    retentionDays: options.retentionDays,
    maxHistoryPerTask: options.maxHistoryPerTask,
    alertAfterFailures: options.alertAfterFailures,
    alertWebhookUrl: options.alertWebhookUrl,
    alertWebhookTimeoutMs: options.alertWebhookTimeoutMs ?? 5000,
    emit: options.emit ?? (() => undefined),
    store: options.store ?? 'database',
    leaseMs: options.leaseMs ?? 30_000,
    syncIntervalMs: options.syncIntervalMs ?? 10_000,
    pollMs: options.pollMs ?? 250,
    stopGraceMs: options.stopGraceMs ?? 5000,
  };
  const problems: FieldProblem[] = [];
  const atLeast = (field: keyof ResolvedSchedulerOptions, min: number, what: string): void => {
    const value = resolved[field];
    if (!(Number.isInteger(value) && (value as number) >= min)) problems.push({ field, message: `expected an integer >= ${min} (${what})` });
  };
  atLeast('retentionDays', 1, 'days');
  atLeast('maxHistoryPerTask', 1, 'runs');
  atLeast('alertAfterFailures', 1, 'runs');
  atLeast('alertWebhookTimeoutMs', 1, 'ms');
  atLeast('leaseMs', 1000, 'ms');
  atLeast('syncIntervalMs', 100, 'ms');
  atLeast('pollMs', 10, 'ms');
  atLeast('stopGraceMs', 0, 'ms');
  if (resolved.syncIntervalMs * 2 > resolved.leaseMs) problems.push({ field: 'leaseMs', message: 'must be at least twice syncIntervalMs, or live runs would be taken over' });
  if (typeof resolved.instanceId !== 'string' || resolved.instanceId.length === 0 || resolved.instanceId.length > 200) problems.push({ field: 'instanceId', message: 'expected 1-200 characters' });
  if (resolved.store !== 'database' && resolved.store !== 'memory') problems.push({ field: 'store', message: 'expected "database" or "memory"' });
  if (resolved.alertWebhookUrl !== undefined && !/^https?:$/.test(URL.parse(resolved.alertWebhookUrl)?.protocol ?? '')) problems.push({ field: 'alertWebhookUrl', message: 'expected an absolute http(s) URL' });
  if (problems.length > 0) throw invalid('SchedulerModule options are invalid', problems);
  return resolved;
}
