/**
 * For `@Transform`: query strings carry text, so "true"/"1" and "false"/"0" become booleans;
 * anything else is left as is and fails `@IsBoolean()` with the field named.
 */
export function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}
