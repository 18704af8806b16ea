import type { PermissionRule } from '@tessera/sdk';
import { compileResourceGlob } from './resource-glob.js';

interface CompiledRule {
  rule: PermissionRule;
  matchesResource: (resource: string) => boolean;
  actions: ReadonlySet<string>;
  anyAction: boolean;
}

interface Decision {
  allowed: boolean;
  /** The deciding rule; none when nothing matched. */
  rule?: PermissionRule;
}

// Resource names can carry ids (`cache.users.42`), so the memo is bounded: when full it starts over.
const MEMO_LIMIT = 1024;

function describeRule(rule: PermissionRule): string {
  return `{ resource: "${rule.resource}", actions: [${rule.actions.join(', ')}], effect: ${rule.effect} }`;
}

/**
 * The permissions a plugin holds, compiled once and asked on every use of a shared service.
 * A deny rule that matches wins over any allow; when no rule matches, the answer is no.
 * Resources are dotted names matched as globs (see compileResourceGlob: `db.*` covers
 * `db.users` and `db.users.read`); an action of `*` covers every action.
 *
 * @example
 * const permissions = new PermissionSet([
 *   { resource: 'db.*', actions: ['read', 'write'], effect: 'allow' },
 *   { resource: 'db.secrets', actions: ['*'], effect: 'deny' },
 * ]);
 * permissions.can('db.users', 'read');   // true
 * permissions.can('db.secrets', 'read'); // false: deny wins
 * permissions.can('cache.x', 'read');    // false: nothing allows it
 */
export class PermissionSet {
  private readonly compiled: CompiledRule[];
  private readonly memo = new Map<string, Decision>();

  constructor(readonly rules: readonly PermissionRule[]) {
    this.compiled = rules.map((rule) => ({
      rule,
      matchesResource: compileResourceGlob(rule.resource),
      actions: new Set(rule.actions),
      anyAction: rule.actions.includes('*'),
    }));
  }

  /** True when some rule allows `action` on `resource` and no rule denies it. */
  can(resource: string, action: string): boolean {
    return this.decide(resource, action).allowed;
  }

  /**
   * Why `can` answers as it does, for logs and the admin API.
   *
   * @example
   * permissions.explain('db.secrets', 'read');
   * // 'db.secrets read: denied by { resource: "db.secrets", actions: [*], effect: deny } (deny wins over allow)'
   */
  explain(resource: string, action: string): string {
    const { allowed, rule } = this.decide(resource, action);
    if (allowed) return `${resource} ${action}: allowed by ${describeRule(rule!)}`;
    if (rule) return `${resource} ${action}: denied by ${describeRule(rule)} (deny wins over allow)`;
    return `${resource} ${action}: denied, no permission covers it; declare { resource: "${resource}", actions: [${action}] } in plugin.yaml or ask an admin to grant it`;
  }

  private decide(resource: string, action: string): Decision {
    const key = `${resource}\n${action}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const decision = this.evaluate(resource, action);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, decision);
    return decision;
  }

  private evaluate(resource: string, action: string): Decision {
    let allowedBy: PermissionRule | undefined;
    for (const { rule, matchesResource, actions, anyAction } of this.compiled) {
      if (!(anyAction || actions.has(action)) || !matchesResource(resource)) continue;
      if (rule.effect === 'deny') return { allowed: false, rule };
      allowedBy ??= rule;
    }
    return allowedBy ? { allowed: true, rule: allowedBy } : { allowed: false };
  }
}
