import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class DisablePluginDto {
  @ApiPropertyOptional({ example: 'maintenance', description: 'Shown in the 404 its routes answer, in the list and in details' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    default: true,
    description:
      'true: answer once its in-flight requests have finished (at most the drain timeout). false: answer as soon as it takes no new request; in-flight requests still finish',
  })
  @IsOptional()
  @IsBoolean()
  graceful?: boolean;
}
