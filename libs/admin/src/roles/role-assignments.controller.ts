import { Body, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '@tessera/auth';
import { ok, type Principal } from '@tessera/sdk';
import { AssignRoleDto, ListAssignmentsQuery } from '../dto/role.dto.js';
import { AdminController } from '../http/admin-controller.decorator.js';
import { assignmentView } from '../http/admin-views.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { RoleService } from './role.service.js';

@AdminController('role-assignments', 'admin roles')
export class RoleAssignmentsController {
  constructor(private readonly roles: RoleService) {}

  @Get()
  @RequirePermission('roles.read')
  @ApiOperation({ summary: 'List role assignments, filtered by subject or role' })
  async list(@Query() query: ListAssignmentsQuery) {
    const assignments = await this.roles.listAssignments({ subjectKind: query.subject_kind, subjectId: query.subject_id, role: query.role });
    return ok(assignments.map(assignmentView));
  }

  @Post()
  @RequirePermission('roles.manage')
  @ApiOperation({ summary: 'Give a role to an admin account or an end user' })
  async assign(@Body() body: AssignRoleDto, @CurrentUser() actor: Principal) {
    return ok(assignmentView(await this.roles.assign(body.role, body.subject_kind, body.subject_id, actor)));
  }

  @Delete(':id')
  @RequirePermission('roles.manage')
  @ApiOperation({ summary: 'Take a role back' })
  async remove(@Param('id', uuidParam()) id: string, @CurrentUser() actor: Principal) {
    await this.roles.unassign(id, actor);
    return ok({ deleted: true });
  }
}
