import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { toBoolean } from './to-boolean.transform.js';

/** What a plugin shows as its status: its state, or `quarantined` while it is kept out of traffic. */
export const PLUGIN_STATUSES = ['active', 'inactive', 'error', 'loading', 'quarantined'] as const;
export type PluginStatus = (typeof PLUGIN_STATUSES)[number];

export class PluginListQueryDto {
  @ApiPropertyOptional({ enum: PLUGIN_STATUSES })
  @IsOptional()
  @IsIn(PLUGIN_STATUSES)
  status?: PluginStatus;

  @ApiPropertyOptional({ example: 'security' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ description: 'Part of the name or the description (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ default: true, description: 'false leaves out disabled (inactive) plugins' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_disabled?: boolean;
}
