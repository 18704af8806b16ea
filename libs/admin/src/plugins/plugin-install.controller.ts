import type { MultipartFile } from '@fastify/multipart';
import { Body, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, type ApiBodyOptions } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { PluginInstaller, PluginLoader, PluginRepositories, type PackageSource } from '@tessera/kernel';
import { isTesseraError, ok, TesseraError, type Principal } from '@tessera/sdk';
import type { FastifyRequest } from 'fastify';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';
import { PackageSourceDto } from './install/package-source.dto.js';
import { RepositorySearchQueryDto } from './install/repository-search.query.dto.js';
import { UninstallPluginQueryDto } from './install/uninstall-plugin.query.dto.js';
import { auditActor, pluginTarget } from './plugin-audit.js';

const SOURCE_BODY: ApiBodyOptions = {
  schema: {
    oneOf: [
      { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'A package made by `tessera plugin pack`' } } },
      { type: 'object', required: ['path'], properties: { path: { type: 'string', example: '/srv/packages/hello-1.0.0.tgz' } } },
      { type: 'object', required: ['repository', 'name'], properties: { repository: { type: 'string' }, name: { type: 'string' }, version: { type: 'string', example: '^1.2' } } },
    ],
  },
};

function invalid(field: string, message: string): TesseraError {
  return new TesseraError('VALIDATION_ERROR', `Invalid request: ${message}.`, [{ field, constraints: { packageSource: message } }]);
}

/** The source a JSON body names: exactly one of a path and a repository (with a name). */
function sourceOf(body: PackageSourceDto | undefined): PackageSource {
  if (body?.path !== undefined && body.repository !== undefined) throw invalid('path', 'give either path or repository, not both');
  if (body?.path !== undefined) return { path: body.path };
  if (body?.repository !== undefined) {
    if (body.name === undefined) throw invalid('name', 'name is required with repository');
    return { repository: body.repository, name: body.name, version: body.version };
  }
  throw invalid('file', 'upload the package as the multipart field "file", or give path, or repository and name');
}

/** What the audit trail keeps of a source given in the body. */
function describeSource(source: PackageSource): Record<string, unknown> {
  if ('file' in source) return { source: 'file' };
  if ('path' in source) return { source: 'path', path: source.path };
  return { source: 'repository', repository: source.repository, name: source.name, version: source.version ?? null };
}

/**
 * Installing, updating and uninstalling plugins from packages, and the repositories they come
 * from. Registered before the controller of `GET /:name`, so `/search` and `/repositories` are
 * never taken for plugin names.
 */
@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginInstallController {
  constructor(
    private readonly installer: PluginInstaller,
    private readonly repositories: PluginRepositories,
    private readonly loader: PluginLoader,
    private readonly audit: AuditLog,
  ) {}

  @Get('search')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: 'Search the configured repositories (name, description, category); installed_version tells what is installed' })
  async search(@Query() query: RepositorySearchQueryDto) {
    const { items, unavailable } = await this.repositories.search(query.q);
    return ok({
      items: items.map((item) => ({ ...item, installed_version: this.loader.get(item.name)?.manifest?.version ?? null })),
      unavailable,
    });
  }

  @Get('repositories')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: 'The configured repositories (PLUGIN_REPOSITORIES), whether each answers, and how many packages it offers' })
  async listRepositories() {
    return ok(await this.repositories.describe());
  }

  @Post('install')
  @RequirePermission('plugins.manage')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(SOURCE_BODY)
  @ApiOperation({
    summary: 'Install a packed plugin from an upload (multipart field "file"), a path on the server, or a repository, and start it',
    description: 'The package is unpacked and checked in a staging folder, then moved into place; any failure (500 PLUGIN_INSTALLATION_FAILED with details.reason) leaves nothing behind. 409 PLUGIN_ALREADY_INSTALLED when the name is taken.',
  })
  async install(@Req() request: FastifyRequest, @Body() body: PackageSourceDto, @CurrentUser() principal: Principal) {
    const params: Record<string, unknown> = {};
    const install = () => this.withPackage(request, body, params, (source) => this.installer.install(source));
    return ok(await this.audited(principal, 'plugin.install', params, install, (result) => result.plugin));
  }

  @Put(':name')
  @RequirePermission('plugins.manage')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(SOURCE_BODY)
  @ApiOperation({
    summary: 'Update a plugin to the packaged version (same sources as install); the previous version is backed up (backup_id)',
    description: 'If the new version cannot start, the previous one is put back and keeps serving: 500 PLUGIN_STARTUP_FAILED with details.rolled_back true and details.backup_id.',
  })
  async update(@Param('name') name: string, @Req() request: FastifyRequest, @Body() body: PackageSourceDto, @CurrentUser() principal: Principal) {
    const params: Record<string, unknown> = {};
    const update = () => this.withPackage(request, body, params, (source) => this.installer.update(name, source));
    return ok(await this.audited(principal, 'plugin.update', params, update, () => name, name));
  }

  @Delete(':name')
  @HttpCode(200)
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Uninstall a plugin (force: disable its dependents; backup: keep its files and data; cleanup_data: drop its tables and cache)' })
  async uninstall(@Param('name') name: string, @Query() query: UninstallPluginQueryDto, @CurrentUser() principal: Principal) {
    const options = { force: query.force ?? false, backup: query.backup ?? false, cleanupData: query.cleanup_data ?? false };
    const params = { force: options.force, backup: options.backup, cleanup_data: options.cleanupData };
    return ok(await this.audit.around(auditActor(principal), 'plugin.uninstall', pluginTarget(name), params, () => this.installer.uninstall(name, options)));
  }

  /**
   * Runs `work` with the request's package: an upload saved to the staging folder (deleted
   * after), or the body's source. `params` receives what the audit trail keeps of the source.
   */
  private async withPackage<T>(request: FastifyRequest, body: PackageSourceDto | undefined, params: Record<string, unknown>, work: (source: PackageSource) => Promise<T>): Promise<T> {
    if (!request.isMultipart()) {
      const source = sourceOf(body);
      Object.assign(params, describeSource(source));
      return work(source);
    }
    const part: MultipartFile | undefined = await request.file();
    if (!part || part.fieldname !== 'file') throw invalid('file', 'upload the package as the multipart field "file"');
    Object.assign(params, { source: 'upload', filename: part.filename });
    const upload = await this.installer.receiveUpload(part.file);
    try {
      return await work({ file: upload.file });
    } finally {
      await upload.discard();
    }
  }

  /** Like AuditLog.around, for changes whose plugin is known only once the package is read. */
  private async audited<T>(principal: Principal, action: string, params: Record<string, unknown>, change: () => Promise<T>, nameOf: (result: T) => string, known?: string): Promise<T> {
    const actor = auditActor(principal);
    try {
      const result = await change();
      await this.audit.record({ actor, action, target: pluginTarget(nameOf(result)), params, result: 'success' });
      return result;
    } catch (error) {
      const target = known ? pluginTarget(known) : 'plugins';
      await this.audit.record({
        actor,
        action,
        target,
        params,
        result: 'failure',
        error_code: isTesseraError(error) ? error.code : 'INTERNAL_ERROR',
        error_message: (error as Error)?.message ?? String(error),
      });
      throw error;
    }
  }
}
