import type { OpenAPIObject } from '@nestjs/swagger';

type Components = NonNullable<OpenAPIObject['components']>;

/**
 * Merges OpenAPI fragments into the base document: paths, every components section and
 * tags. On a clash (same path, same schema name, same tag) the earlier definition stays,
 * so a plugin can never rewrite the host's own entries.
 *
 * @example
 * const document = mergeOpenApi(core, [usersFragment, auditFragment]);
 */
export function mergeOpenApi(base: OpenAPIObject, fragments: Array<Partial<OpenAPIObject>>): OpenAPIObject {
  const paths = { ...base.paths };
  const components: Record<string, Record<string, unknown>> = cloneSections(base.components);
  const tags = [...(base.tags ?? [])];
  const tagNames = new Set(tags.map((tag) => tag.name));

  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(fragment.paths ?? {})) {
      if (!(path in paths)) paths[path] = item;
    }
    for (const [section, entries] of Object.entries(fragment.components ?? {})) {
      const target = (components[section] ??= {});
      for (const [name, value] of Object.entries(entries as Record<string, unknown>)) {
        if (!(name in target)) target[name] = value;
      }
    }
    for (const tag of fragment.tags ?? []) {
      if (!tagNames.has(tag.name)) {
        tagNames.add(tag.name);
        tags.push(tag);
      }
    }
  }

  return { ...base, paths, components: components as Components, tags };
}

function cloneSections(components: Components | undefined): Record<string, Record<string, unknown>> {
  const copy: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(components ?? {})) copy[section] = { ...(entries as Record<string, unknown>) };
  return copy;
}
