import type { PluginTemplateInput } from './plugin-template-input.interface.js';

/** plugin.yaml: a trusted plugin with one config value, the hook and the endpoint it has. */
export function pluginManifestTemplate({ name, frameworkVersion }: PluginTemplateInput): string {
  const [major = '1', minor = '0'] = frameworkVersion.split('.');
  return `# Manifest of the ${name} plugin; every field is described in docs/plugin-manifest.md of Tessera.
name: ${name}
version: 0.1.0
description: The ${name} plugin
execution_mode: trusted
framework_version: ">=${major}.${minor}"
entry_point: dist/index.js
# What the plugin may use (cache.${name}, db.${name}, hook.<name>, plugin.<other>): nothing yet.
permissions: []
resources:
  timeout_seconds: 5
  rate_limit: { calls: 600, period_seconds: 60 }
config:
  greeting: { type: string, default: "Hello", description: "Word the greeting starts with" }
hooks: [user_registered]
endpoints: [/hello]
`;
}
