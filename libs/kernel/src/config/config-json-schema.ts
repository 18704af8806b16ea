import type { ConfigFieldSchema } from '@tessera/sdk';

/** Which JSON-schema keywords `min`/`max` become, by field type; other types take no bounds. */
export const BOUND_KEYWORDS: Partial<Record<ConfigFieldSchema['type'], readonly [string, string]>> = {
  integer: ['minimum', 'maximum'],
  number: ['minimum', 'maximum'],
  string: ['minLength', 'maxLength'],
  array: ['minItems', 'maxItems'],
};

/**
 * The JSON schema of one config field: its type, bounds, enum and pattern (not its default).
 *
 * @example
 * fieldJsonSchema({ type: 'integer', min: 1, max: 100 }); // { type: 'integer', minimum: 1, maximum: 100 }
 */
export function fieldJsonSchema(field: ConfigFieldSchema): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: field.type };
  const bounds = BOUND_KEYWORDS[field.type];
  if (bounds && field.min !== undefined) schema[bounds[0]] = field.min;
  if (bounds && field.max !== undefined) schema[bounds[1]] = field.max;
  if (field.enum !== undefined) schema.enum = field.enum;
  if (field.type === 'string' && field.pattern !== undefined) schema.pattern = field.pattern;
  return schema;
}

/**
 * The JSON schema of a whole plugin config: known keys only, and the `required` ones that have
 * no default (a default satisfies `required`).
 *
 * @example
 * configJsonSchema({ page_size: { type: 'integer', default: 20 } });
 * // { type: 'object', additionalProperties: false, properties: { page_size: { type: 'integer' } }, required: [] }
 */
export function configJsonSchema(fields: Record<string, ConfigFieldSchema>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    properties[key] = fieldJsonSchema(field);
    if (field.required && field.default === undefined) required.push(key);
  }
  return { type: 'object', additionalProperties: false, properties, required };
}
