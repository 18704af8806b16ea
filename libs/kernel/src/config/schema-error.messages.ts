import type { ErrorObject } from 'ajv';
import { didYouMean } from './did-you-mean.js';

/** One problem found in a document: where (`['permissions', 1, 'effect']`) and what is wrong. */
export interface SchemaProblem {
  path: Array<string | number>;
  /** A predicate completing "field X ...": `must be one of "allow", "deny" (got "maybe")`. */
  message: string;
}

export interface DescribeOptions {
  /** Add YAML advice to "must be a string" when YAML turned an unquoted value into a number or boolean. */
  yaml?: boolean;
  /** True for paths whose values must not be echoed back (secrets): "(got ...)" is left out. */
  conceal?: (path: ReadonlyArray<string | number>) => boolean;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  array: 'a list',
  object: 'a mapping of keys to values',
  null: 'null',
};

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/**
 * Renders a path the way a person writes it: `permissions[1].effect`, `dependencies.packages["@nestjs/common"]`.
 *
 * @example
 * formatPath(['permissions', 1, 'effect']); // 'permissions[1].effect'
 */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Shows a value inside "(got ...)", short enough for one line. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function parsePointer(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

/** What the schema wanted, worded to follow "must be". */
function plainExpectation(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return String(params.type)
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type)
        .join(' or ');
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${String(params.comparison)} ${String(params.limit)}`;
    case 'minLength':
      return `at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `at most ${String(params.limit)} characters long`;
    case 'minItems':
      return `a list of at least ${String(params.limit)} items`;
    case 'maxItems':
      return `a list of at most ${String(params.limit)} items`;
    case 'pattern':
      return `a string matching /${String(params.pattern)}/`;
    case 'format':
      return `a valid ${String(params.format)}`;
    default:
      return (error.message ?? 'valid').replace(/^must (be )?/, '');
  }
}

function yamlAdvice(error: ErrorObject, options: DescribeOptions): string {
  const wantsString = error.keyword === 'type' || error.keyword === 'format' || error.keyword === 'pattern';
  const scalar = typeof error.data === 'number' || typeof error.data === 'boolean';
  return options.yaml && wantsString && scalar && (error.parentSchema as { type?: string } | undefined)?.type === 'string'
    ? '; YAML reads unquoted numbers and true/false as such: put the value in quotes'
    : '';
}

/** A problem, plus the field a misspelt key probably meant (to drop that field's "is required"). */
type Described = SchemaProblem & { meant?: string };

function describeOne(error: ErrorObject, options: DescribeOptions): Described | undefined {
  const path = parsePointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as { expected?: string; properties?: Record<string, { expected?: string }> };
  const params = error.params as Record<string, string>;
  switch (error.keyword) {
    case 'propertyNames':
      // Ajv reports the failing key once more as a nested error carrying `propertyName`; that one is worded below.
      return undefined;
    case 'required': {
      const expected = parent.properties?.[params.missingProperty]?.expected;
      return { path: [...path, params.missingProperty], message: expected ? `is required: ${expected}` : 'is required' };
    }
    case 'additionalProperties': {
      const known = Object.keys(parent.properties ?? {});
      const guess = didYouMean(params.additionalProperty, known);
      const hint = guess ? `; did you mean "${guess}"?` : '';
      return {
        path: [...path, params.additionalProperty],
        message: `is not a known field${hint} (known: ${known.join(', ')})`,
        meant: guess === undefined ? undefined : formatPath([...path, guess]),
      };
    }
  }
  const expected = parent.expected ?? plainExpectation(error);
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    return { path: [...path, propertyName], message: `is not a valid name: it must be ${expected}` };
  }
  const got = options.conceal?.(path) ? 'the value is secret, so not shown' : `got ${showValue(error.data)}`;
  return { path, message: `must be ${expected} (${got})${yamlAdvice(error, options)}` };
}

/**
 * Turns Ajv errors into one problem per field, in words a plugin author or admin can act on.
 * A schema node may carry `expected: '...'` to replace the generic wording for every check on it.
 *
 * @example
 * describeSchemaErrors(validate.errors ?? []);
 * // [{ path: ['version'], message: 'must be a semver version like 1.2.0 (got "1.x")' }]
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], options: DescribeOptions = {}): SchemaProblem[] {
  const described = errors.map((error) => describeOne(error, options)).filter((problem) => problem !== undefined);
  // `action: [read]` yields "action is not a known field; did you mean actions?" and "actions is
  // required": one mistake, so the second goes.
  const meant = new Set(described.map((problem) => problem.meant).filter((path) => path !== undefined));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const { path, message } of described) {
    const field = formatPath(path);
    const key = `${field}\0${message}`;
    if (seen.has(key) || (meant.has(field) && message.startsWith('is required'))) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}
