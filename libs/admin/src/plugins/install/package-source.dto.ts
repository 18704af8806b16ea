import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * Where the package of an install or update comes from, when it is not uploaded: a path on the
 * server (a `.tgz` or a built plugin folder), or a configured repository with a name and an
 * optional version. Exactly one of `path` and `repository` is given.
 */
export class PackageSourceDto {
  @ApiPropertyOptional({ example: '/srv/packages/hello-1.0.0.tgz', description: 'A .tgz or a built plugin folder on the server' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  path?: string;

  @ApiPropertyOptional({ example: 'https://plugins.example.com/index.json', description: 'One of GET /api/v1/plugins/repositories' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  repository?: string;

  @ApiPropertyOptional({ example: 'hello', description: 'With repository: the package name' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'name must be a plugin name: lower-case letters, digits and dashes, starting with a letter' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: '^1.2', description: 'With repository: an exact version or a semver range (default: the highest)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  version?: string;
}
