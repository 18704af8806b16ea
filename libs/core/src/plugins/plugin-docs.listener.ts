import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PluginLifecycleEvents, type PluginRecord, type PluginUnit } from '@tessera/kernel';
import { OpenApiRegistry } from '@tessera/observability';

/**
 * Keeps `/docs/json` in step with the plugin set: a unit's document joins the merged one
 * when it becomes active (every operation tagged with the plugin's name, bearer auth on
 * the non-public ones) and leaves it when the plugin is disabled.
 */
@Injectable()
export class PluginDocsListener implements OnModuleInit {
  constructor(
    @Inject(PluginLifecycleEvents) private readonly events: PluginLifecycleEvents,
    @Inject(OpenApiRegistry) private readonly openApi: OpenApiRegistry,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      activated: (record: PluginRecord, unit: PluginUnit) => {
        const document = unit.openApiDocument() as Partial<OpenAPIObject> | undefined;
        if (document) this.openApi.setFragment(record.name, tagOperations(document, record));
      },
      deactivated: (record: PluginRecord) => this.openApi.removeFragment(record.name),
    });
  }
}

function tagOperations(document: Partial<OpenAPIObject>, record: PluginRecord): Partial<OpenAPIObject> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    paths[path] = Object.fromEntries(
      Object.entries(item as Record<string, { tags?: string[] }>).map(([method, operation]) => [method, { ...operation, tags: [record.name] }]),
    );
  }
  const description = record.manifest?.description ?? `Plugin ${record.name}`;
  return { ...document, paths: paths as OpenAPIObject['paths'], tags: [{ name: record.name, description: `${description} (v${record.manifest?.version})` }] };
}
