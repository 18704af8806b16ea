/** What the files of a new plugin are generated from. */
export interface PluginTemplateInput {
  /** The plugin's name, `[a-z][a-z0-9-]*`: folder, manifest name, route prefix. */
  name: string;
  /** The name in PascalCase, the prefix of its class names (`Greeter` → `GreeterPlugin`). */
  className: string;
  /** Version of the Tessera framework packages, for `framework_version` and the sdk dependency. */
  frameworkVersion: string;
  /**
   * Inside the Tessera repository: the path from the plugin folder to the repository root
   * (`../..`), so its tsconfig extends the root one. Absent elsewhere: a standalone tsconfig.
   */
  repositoryRoot?: string;
}
