import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../cli.exception.js';
import { displayPath } from '../output/display-path.js';
import { renderPluginFiles } from '../templates/plugin-files.template.js';
import { pluginClassName, pluginNameProblem } from './plugin-name.js';
import { addBuildReference, BUILD_TSCONFIG, findTesseraRepository, toPosixPath } from './tessera-repository.js';

export interface ScaffoldPluginOptions {
  /** The plugin's name; the folder is `<parentDir>/<name>`. */
  name: string;
  /** Where the plugin folder goes (made when missing). */
  parentDir: string;
  /** Version of the framework packages, for the manifest and package.json. */
  frameworkVersion: string;
}

export interface ScaffoldPluginResult {
  /** Absolute path of the new plugin folder. */
  dir: string;
  /** Absolute paths of the files written, in the order to show them. */
  files: string[];
  /** Root of the Tessera repository the plugin sits in, if it does. */
  repositoryRoot?: string;
  /**
   * Inside the repository: `added` when the folder was added to tsconfig.build.json, else why
   * it could not be (the plugin is still created; the user adds the reference by hand).
   */
  buildReference?: { added: true } | { added: false; problem: string };
}

/**
 * Creates a plugin folder from the templates. Refuses a name the manifest would refuse and a
 * folder that already exists (nothing is written then). Inside the Tessera repository the
 * plugin's tsconfig extends the root one and the folder is added to tsconfig.build.json.
 *
 * @example
 * const { dir, files } = scaffoldPlugin({ name: 'greeter', parentDir: 'plugins', frameworkVersion: '1.0.0' });
 */
export function scaffoldPlugin(options: ScaffoldPluginOptions): ScaffoldPluginResult {
  const problem = pluginNameProblem(options.name);
  if (problem) throw new CliError(problem);
  const parentDir = resolve(options.parentDir);
  const dir = join(parentDir, options.name);

  mkdirSync(parentDir, { recursive: true });
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`${displayPath(dir)} already exists; choose another name or --dir, or remove it first.`);
    }
    throw error;
  }

  const repositoryRoot = findTesseraRepository(parentDir);
  const files = renderPluginFiles({
    name: options.name,
    className: pluginClassName(options.name),
    frameworkVersion: options.frameworkVersion,
    repositoryRoot: repositoryRoot === undefined ? undefined : toPosixPath(relative(dir, repositoryRoot)),
  });
  const written = files.map((file) => {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, { flag: 'wx' });
    return path;
  });

  if (repositoryRoot === undefined) return { dir, files: written };
  return { dir, files: written, repositoryRoot, buildReference: updateBuildReference(repositoryRoot, dir) };
}

function updateBuildReference(root: string, dir: string): ScaffoldPluginResult['buildReference'] {
  try {
    addBuildReference(root, dir);
    return { added: true };
  } catch (error) {
    // A tsconfig.build.json with comments, or not writable: the plugin itself is fine.
    return { added: false, problem: `${BUILD_TSCONFIG}: ${(error as Error).message}` };
  }
}
