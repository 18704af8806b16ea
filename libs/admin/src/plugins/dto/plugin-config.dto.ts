import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional } from 'class-validator';
import { toBoolean } from './to-boolean.transform.js';

export class PluginConfigQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Add the config schema of plugin.yaml' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_schema?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Show secret values unmasked (needs plugins.secrets)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_secrets?: boolean;
}

export class UpdatePluginConfigDto {
  @ApiProperty({
    example: { greeting: 'Hi', max_name_length: null },
    description: 'Keys to change, merged over the stored values; null unsets a key (back to its default); a secret sent back as ******** keeps its value',
  })
  @IsObject()
  values: Record<string, unknown>;
}
