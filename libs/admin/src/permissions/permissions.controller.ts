import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@tessera/auth';
import { ok } from '@tessera/sdk';
import { AdminController } from '../http/admin-controller.decorator.js';
import { PermissionCatalog } from './permission-catalog.service.js';

@AdminController('permissions', 'admin roles')
export class PermissionsController {
  constructor(private readonly catalog: PermissionCatalog) {}

  @Get()
  @RequirePermission('roles.read')
  @ApiOperation({ summary: 'The permission catalogue: the framework and every loaded plugin' })
  list() {
    return ok(this.catalog.list());
  }
}
