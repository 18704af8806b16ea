import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Query of GET /api/v1/plugins/search. */
export class RepositorySearchQueryDto {
  @ApiPropertyOptional({ example: 'hello', description: 'Matched against names, descriptions and categories; all packages without it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
