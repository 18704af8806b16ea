import type { ConfigFieldSchema } from '@tessera/sdk';
import { BOUND_KEYWORDS, fieldJsonSchema } from '../config/config-json-schema.js';
import { compileSchema } from '../config/json-schema.validator.js';
import { describeSchemaErrors, type SchemaProblem } from '../config/schema-error.messages.js';

export interface ConfigSectionReport {
  problems: SchemaProblem[];
  warnings: string[];
}

function boundProblems(key: string, field: ConfigFieldSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const counted = field.type === 'string' || field.type === 'array';
  for (const bound of ['min', 'max'] as const) {
    const value = field[bound];
    if (value === undefined) continue;
    if (!BOUND_KEYWORDS[field.type]) {
      problems.push({ path: ['config', key, bound], message: `does not apply to a field of type ${field.type}: remove it` });
    } else if (counted && (!Number.isInteger(value) || value < 0)) {
      problems.push({ path: ['config', key, bound], message: `must be a whole number >= 0 for a ${field.type} (got ${value})` });
    }
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    problems.push({ path: ['config', key, 'min'], message: `must not be greater than max (got min ${field.min}, max ${field.max})` });
  }
  if (field.pattern !== undefined && field.type !== 'string') {
    problems.push({ path: ['config', key, 'pattern'], message: `applies to string fields only (this one is ${field.type})` });
  }
  return problems;
}

function valueProblems(key: string, field: ConfigFieldSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const { enum: allowed, ...withoutEnum } = field;
  if (allowed) {
    const validateMember = compileSchema(fieldJsonSchema(withoutEnum));
    allowed.forEach((member, index) => {
      if (!validateMember(member)) {
        const [first] = describeSchemaErrors(validateMember.errors ?? []);
        problems.push({ path: ['config', key, 'enum', index], message: first.message });
      }
    });
  }
  if (field.default !== undefined) {
    const validateDefault = compileSchema(fieldJsonSchema(field));
    if (!validateDefault(field.default)) {
      for (const problem of describeSchemaErrors(validateDefault.errors ?? [])) {
        problems.push({ path: ['config', key, 'default', ...problem.path], message: problem.message });
      }
    }
  }
  return problems;
}

/**
 * Checks what the JSON schema of plugin.yaml cannot: that each config field's bounds make sense
 * for its type and that its default and enum values pass the field's own rules. Fields listed in
 * `skip` already failed the schema and are not checked again.
 *
 * @example
 * checkConfigSection({ page_size: { type: 'integer', default: 500, max: 100 } }, new Set());
 * // problems: [{ path: ['config', 'page_size', 'default'], message: 'must be <= 100 (got 500)' }]
 */
export function checkConfigSection(config: Record<string, ConfigFieldSchema>, skip: ReadonlySet<string>): ConfigSectionReport {
  const problems: SchemaProblem[] = [];
  const warnings: string[] = [];
  for (const [key, field] of Object.entries(config)) {
    if (skip.has(key)) continue;
    const bounds = boundProblems(key, field);
    problems.push(...bounds);
    // A default checked against nonsensical bounds would only repeat the bound's problem.
    if (bounds.length === 0) problems.push(...valueProblems(key, field));
    if (field.secret && field.default !== undefined) {
      warnings.push(`config.${key} is secret but has a default, which anyone reading plugin.yaml can see: leave it unset and let an admin set it`);
    }
  }
  return { problems, warnings };
}
