import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class PermissionRuleDto {
  @ApiProperty({ example: 'db.kernel-probe', description: 'Dotted resource name or glob' })
  @IsString()
  @MaxLength(200)
  resource: string;

  @ApiProperty({ type: [String], example: ['read', 'write'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  actions: string[];

  @ApiPropertyOptional({ enum: ['allow', 'deny'], default: 'allow' })
  @IsOptional()
  @IsIn(['allow', 'deny'])
  effect?: 'allow' | 'deny';

  @ApiPropertyOptional({ description: 'Kept from the manifest; has no effect on a granted rule' })
  @IsOptional()
  @IsBoolean()
  optional?: boolean;
}

export class UpdatePluginPermissionsDto {
  @ApiProperty({ type: [PermissionRuleDto], description: 'The complete list of rules in force; what is left out is revoked' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PermissionRuleDto)
  granted: PermissionRuleDto[];
}
