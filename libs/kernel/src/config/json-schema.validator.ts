import { isAbsolute, posix, win32 } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import semver from 'semver';

/**
 * One Ajv instance for every schema the kernel checks (plugin.yaml and plugin configs), so both
 * speak the same formats and produce errors that schema-error.messages.ts knows how to word.
 * `verbose` keeps the failing value and schema on each error (for "got ..." and `expected`);
 * `useDefaults` fills plugin.yaml's defaults while validating.
 */
const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true });

// `expected` is an annotation, not a check: it carries the wording of the error for its field.
ajv.addKeyword({ keyword: 'expected', schemaType: 'string' });
ajv.addFormat('semver', (value: string) => semver.valid(value) !== null);
ajv.addFormat('semver-range', (value: string) => semver.validRange(value) !== null);
ajv.addFormat('relative-path', isRelativeInside);
ajv.addFormat('regex', isRegExp);

/** True for a relative path that stays inside its folder once normalized (`dist/index.js`, not `../x` or `/x`). */
export function isRelativeInside(path: string): boolean {
  if (path === '' || path.includes('\0') || isAbsolute(path) || win32.isAbsolute(path)) return false;
  const normalized = posix.normalize(path.replaceAll('\\', '/'));
  return normalized !== '.' && normalized !== '..' && !normalized.startsWith('../');
}

function isRegExp(pattern: string): boolean {
  try {
    // Ajv compiles `pattern` with the unicode flag, so that is the syntax to accept.
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

// Ajv keeps every schema object it ever compiled; compiling the same config schema again on
// each reload would grow that cache forever, so equal schemas share one validator.
const validators = new Map<string, ValidateFunction>();

/**
 * Compiles a JSON schema with the kernel's Ajv instance (cached by content).
 *
 * @example
 * const validate = compileSchema({ type: 'object', properties: { v: { type: 'string', format: 'semver' } } });
 * validate({ v: '1.2.0' }); // true
 */
export function compileSchema(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}
