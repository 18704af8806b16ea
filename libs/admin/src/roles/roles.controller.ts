import { Body, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { ok, type Principal } from '@tessera/sdk';
import { CreateRoleDto, UpdateRoleDto } from '../dto/role.dto.js';
import { AdminController } from '../http/admin-controller.decorator.js';
import { roleView } from '../http/admin-views.js';
import { RoleService } from './role.service.js';

@AdminController('roles', 'admin roles')
export class RolesController {
  constructor(private readonly roles: RoleService) {}

  @Get()
  @RequirePermission('roles.read')
  @ApiOperation({ summary: 'List roles' })
  async list() {
    return ok((await this.roles.list()).map(roleView));
  }

  @Post()
  @RequirePermission('roles.manage')
  @ApiOperation({ summary: 'Create a role from catalogue permissions (or x.* / * wildcards you hold)' })
  async create(@Body() body: CreateRoleDto, @CurrentUser() actor: Principal) {
    return ok(roleView(await this.roles.create({ name: body.name, description: body.description, permissions: body.permissions }, actor)));
  }

  @Get(':role')
  @RequirePermission('roles.read')
  @ApiOperation({ summary: 'One role, by id or name' })
  async get(@Param('role') role: string) {
    return ok(roleView(await this.roles.get(role)));
  }

  @Patch(':role')
  @RequirePermission('roles.manage')
  @ApiOperation({ summary: 'Change the description or permissions of a role (effective at the next token refresh)' })
  async update(@Param('role') role: string, @Body() body: UpdateRoleDto, @CurrentUser() actor: Principal) {
    return ok(roleView(await this.roles.update(role, { description: body.description, permissions: body.permissions }, actor)));
  }

  @Delete(':role')
  @RequirePermission('roles.manage')
  @ApiOperation({ summary: 'Delete a role and its assignments' })
  async remove(@Param('role') role: string, @CurrentUser() actor: Principal) {
    await this.roles.delete(role, actor);
    return ok({ deleted: true });
  }
}
