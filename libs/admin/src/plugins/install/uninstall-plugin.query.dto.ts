import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../dto/to-boolean.transform.js';

/** Query of DELETE /api/v1/plugins/:name. */
export class UninstallPluginQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Disable the plugins that depend on it instead of refusing with 409' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Keep a backup of its files, tables and settings first (backup_id in the answer)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  backup?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Drop its tables (down migrations), clear its cache namespace and logs' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  cleanup_data?: boolean;
}
