/** The file every plugin folder holds. */
export const MANIFEST_FILE = 'plugin.yaml';

const PLUGIN_NAME = '^[a-z][a-z0-9-]*$';
const PLUGIN_NAME_EXPECTED = 'a plugin name like "users": lowercase letters, digits and dashes, starting with a letter';
// npm's own rule for new package names: lowercase, URL-safe, optionally scoped.
const NPM_NAME = '^(@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$';
const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_]*$';
const CONFIG_KEY = '^[A-Za-z_][A-Za-z0-9_-]*$';
const RANGE = { type: 'string', format: 'semver-range', expected: 'a semver range like "^1.0"' };
const TEXT = { type: 'string' };
const STRING_LIST = { type: 'array', items: { type: 'string', minLength: 1 }, default: [] };
const POSITIVE_NUMBER = { type: 'number', exclusiveMinimum: 0, expected: 'a number greater than 0' };
const POSITIVE_INTEGER = { type: 'integer', exclusiveMinimum: 0, expected: 'a whole number greater than 0' };

/**
 * The JSON schema of plugin.yaml (the contract in DESIGN.md). Ajv checks it and fills the
 * defaults; `expected` words the error of a field. Unknown top-level keys are allowed: they are
 * the plugin's `settings`. Checks a schema cannot express (config defaults against their own
 * field, `${VAR}` references) live in manifest-config.checks.ts and env.interpolation.ts.
 */
export const PLUGIN_MANIFEST_SCHEMA = {
  type: 'object',
  required: ['name', 'version'],
  properties: {
    name: { type: 'string', pattern: PLUGIN_NAME, expected: PLUGIN_NAME_EXPECTED },
    version: { type: 'string', format: 'semver', expected: 'a semver version like 1.2.0' },
    author: TEXT,
    description: TEXT,
    category: TEXT,
    tags: STRING_LIST,
    license: TEXT,
    homepage: TEXT,
    execution_mode: { enum: ['trusted', 'sandboxed'], default: 'trusted' },
    framework_version: { type: 'string', format: 'semver-range', default: '*', expected: 'a semver range like ">=1.0"' },
    entry_point: {
      type: 'string',
      format: 'relative-path',
      default: 'dist/index.js',
      expected: 'a relative path inside the plugin folder, like dist/index.js',
    },
    dependencies: {
      type: 'object',
      default: {},
      additionalProperties: false,
      properties: {
        plugins: {
          type: 'object',
          default: {},
          propertyNames: { pattern: PLUGIN_NAME, expected: PLUGIN_NAME_EXPECTED },
          additionalProperties: RANGE,
        },
        packages: {
          type: 'object',
          default: {},
          propertyNames: { pattern: NPM_NAME, expected: 'an npm package name like "left-pad" or "@scope/name"' },
          additionalProperties: RANGE,
        },
      },
    },
    permissions: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        required: ['resource', 'actions'],
        additionalProperties: false,
        properties: {
          resource: {
            type: 'string',
            pattern: '^[^\\s./]+(\\.[^\\s./]+)*$',
            expected: 'a dotted resource name or glob like "db.*" or "plugin.audit"',
          },
          actions: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', minLength: 1 },
            expected: 'a non-empty list of actions like [read, write] (or ["*"])',
          },
          effect: { enum: ['allow', 'deny'], default: 'allow' },
          optional: { type: 'boolean' },
        },
      },
    },
    resources: {
      type: 'object',
      default: {},
      additionalProperties: false,
      properties: {
        timeout_seconds: { ...POSITIVE_NUMBER, default: 30 },
        rate_limit: {
          type: 'object',
          required: ['calls', 'period_seconds'],
          additionalProperties: false,
          properties: { calls: POSITIVE_INTEGER, period_seconds: POSITIVE_NUMBER },
        },
        memory_mb: POSITIVE_INTEGER,
      },
    },
    env: {
      type: 'object',
      default: {},
      propertyNames: { pattern: ENV_NAME, expected: 'an environment variable name like JWT_SECRET' },
      additionalProperties: { type: 'string', expected: 'a string' },
    },
    config: {
      type: 'object',
      default: {},
      propertyNames: { pattern: CONFIG_KEY, expected: 'a key like page_size: letters, digits, _ and -' },
      additionalProperties: {
        type: 'object',
        required: ['type'],
        additionalProperties: false,
        properties: {
          type: { enum: ['string', 'integer', 'number', 'boolean', 'array', 'object'] },
          default: {},
          description: TEXT,
          min: { type: 'number' },
          max: { type: 'number' },
          enum: { type: 'array', minItems: 1 },
          pattern: { type: 'string', format: 'regex', expected: 'a regular expression' },
          required: { type: 'boolean' },
          secret: { type: 'boolean' },
          restart_required: { type: 'boolean' },
        },
      },
    },
    hooks: STRING_LIST,
    endpoints: STRING_LIST,
  },
} as const;

/** The top-level fields of the contract; any other top-level key is a setting. */
export const MANIFEST_FIELDS: readonly string[] = Object.keys(PLUGIN_MANIFEST_SCHEMA.properties);
