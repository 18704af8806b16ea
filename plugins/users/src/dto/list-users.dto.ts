import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/**
 * Query of GET / and payload of the `list` action. The upper bound of page_size comes from
 * the manifest's `pagination.max_page_size`, so it is checked by the service, not here.
 */
export class ListUsersQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be an integer' })
  @Min(1, { message: 'page must be at least 1' })
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Default pagination.default_page_size (20), at most pagination.max_page_size (100)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page_size must be an integer' })
  @Min(1, { message: 'page_size must be at least 1' })
  page_size?: number;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the username or the email', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
