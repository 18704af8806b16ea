import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateRoleDto {
  @ApiProperty({ example: 'operator' })
  @IsString()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ example: 'Runs day-to-day operations' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ type: [String], example: ['plugins.read', 'tasks.*'] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  permissions: string[];
}

export class UpdateRoleDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  permissions?: string[];
}

export class AssignRoleDto {
  @ApiProperty({ example: 'operator', description: 'Role name or id' })
  @IsString()
  @MaxLength(64)
  role: string;

  @ApiProperty({ enum: ['admin', 'user'] })
  @IsIn(['admin', 'user'])
  subject_kind: 'admin' | 'user';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  subject_id: string;
}

export class ListAssignmentsQuery {
  @ApiPropertyOptional({ enum: ['admin', 'user'] })
  @IsOptional()
  @IsIn(['admin', 'user'])
  subject_kind?: 'admin' | 'user';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subject_id?: string;

  @ApiPropertyOptional({ description: 'Role name or id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  role?: string;
}
