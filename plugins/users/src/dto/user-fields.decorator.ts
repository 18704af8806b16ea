import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { USERNAME_PATTERN } from '../users.constants.js';

/**
 * A username: 3 to 50 letters, digits, `.`, `_` or `-`.
 *
 * @example
 * class RegisterDto { @IsUsername() username: string; }
 */
export function IsUsername(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(3, 50, { message: 'username must be 3 to 50 characters long' }),
    Matches(USERNAME_PATTERN, { message: 'username may only contain letters, digits, ".", "_" and "-"' }),
  );
}

/**
 * An email address (at most 254 characters, RFC 5321's limit); stored lower-cased.
 *
 * @example
 * class RegisterDto { @IsUserEmail() email: string; }
 */
export function IsUserEmail(): PropertyDecorator {
  return applyDecorators(IsEmail({}, { message: 'email must be a valid email address' }), MaxLength(254, { message: 'email must be at most 254 characters long' }));
}

/**
 * A full name: at most 100 characters.
 *
 * @example
 * class RegisterDto { @IsOptional() @IsFullName() full_name?: string; }
 */
export function IsFullName(): PropertyDecorator {
  return applyDecorators(IsString(), MaxLength(100, { message: 'full_name must be at most 100 characters long' }));
}
