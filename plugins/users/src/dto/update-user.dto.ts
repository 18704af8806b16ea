import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsUserPassword } from './password-rules.decorator.js';
import { IsFullName, IsUserEmail, IsUsername } from './user-fields.decorator.js';

// A field sent as null is validated (and refused) unless null means something (full_name: clear it).
const present = (field: string) => ValidateIf((body: Record<string, unknown>) => body[field] !== undefined);

/** Body of PUT /:id: every field optional; only those sent change. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'ada_l' })
  @present('username')
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({ example: 'ada@example.org' })
  @present('email')
  @IsUserEmail()
  email?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ada King', maxLength: 100, description: 'null clears it' })
  @IsOptional()
  @IsFullName()
  full_name?: string | null;

  @ApiPropertyOptional({ description: 'New password (same rules as at registration); your own needs current_password' })
  @present('password')
  @IsUserPassword()
  password?: string;

  @ApiPropertyOptional({ description: 'Required to change your own password' })
  @present('current_password')
  @IsString()
  @MaxLength(1024)
  current_password?: string;

  @ApiPropertyOptional({ description: 'Admins only (users.manage): false disables the account and ends its sessions' })
  @present('is_active')
  @IsBoolean()
  is_active?: boolean;

  @ApiPropertyOptional({ description: 'Admins only (users.manage): grants users.read and users.manage at the next login' })
  @present('is_admin')
  @IsBoolean()
  is_admin?: boolean;
}
