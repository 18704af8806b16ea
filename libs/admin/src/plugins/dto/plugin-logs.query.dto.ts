import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TimeRangePageQuery } from '../../dto/time-range-page.query.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export class PluginLogsQueryDto extends TimeRangePageQuery {
  @ApiPropertyOptional({ enum: LOG_LEVELS, description: 'This level and above' })
  @IsOptional()
  @IsIn(LOG_LEVELS)
  level?: (typeof LOG_LEVELS)[number];

  @ApiPropertyOptional({ description: 'Part of the message (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
