import type { SchemaProblem } from '../config/schema-error.messages.js';

// `$${` is a literal `${`; `${...}` is a reference; a lone `${` never closed is a mistake.
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

export interface InterpolatedEnv {
  values: Record<string, string>;
  problems: SchemaProblem[];
}

function interpolate(key: string, template: string, env: NodeJS.ProcessEnv, problems: SchemaProblem[]): string {
  return template.replace(TOKEN, (token: string, body: string | undefined) => {
    if (token === '$${') return '${';
    const reference = body === undefined ? undefined : REFERENCE.exec(body);
    if (!reference || reference[2]?.includes('${')) {
      problems.push({
        path: ['env', key],
        message: `has an invalid reference ${JSON.stringify(token)}: write \${NAME} or \${NAME:-default} (nesting is not supported; $\${ is a literal \${)`,
      });
      return token;
    }
    const [, name, fallback] = reference;
    const value = env[name];
    // Like the shell, `:-` also replaces a variable that is set but empty.
    if (fallback !== undefined) return value === undefined || value === '' ? fallback : value;
    if (value !== undefined) return value;
    problems.push({
      path: ['env', key],
      message: `needs the environment variable ${name}, which is not set: set it, or give a default with \${${name}:-value}`,
    });
    return token;
  });
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in the values of plugin.yaml's `env:` section with the
 * variables of `env`. A variable that is missing and has no default is a problem naming it.
 *
 * @example
 * interpolateEnv({ SECRET: '${JWT_SECRET}', TTL: '${TTL:-3600}' }, { JWT_SECRET: 's3cret' });
 * // { values: { SECRET: 's3cret', TTL: '3600' }, problems: [] }
 */
export function interpolateEnv(templates: Record<string, string>, env: NodeJS.ProcessEnv): InterpolatedEnv {
  const problems: SchemaProblem[] = [];
  const values: Record<string, string> = {};
  for (const [key, template] of Object.entries(templates)) {
    values[key] = interpolate(key, template, env, problems);
  }
  return { values, problems };
}
