import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 takes any length; the cap keeps one request from costing seconds of hashing. */
export const PASSWORD_MAX_LENGTH = 128;

function contains(name: string, pattern: RegExp, what: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && pattern.test(value),
        defaultMessage: () => `password must contain at least one ${what}`,
      },
    },
    options,
  );
}

/**
 * The password rules of the users plugin: 8 to 128 characters with at least one uppercase
 * letter, one lowercase letter and one digit. Each rule is its own constraint, so a
 * VALIDATION_ERROR names every rule the password breaks.
 *
 * @example
 * class RegisterDto { @IsUserPassword() password: string; }
 * // { field: 'password', constraints: { hasUppercase: 'password must contain at least one uppercase letter' } }
 */
export function IsUserPassword(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long` }),
    MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters long` }),
    contains('hasUppercase', /\p{Lu}/u, 'uppercase letter'),
    contains('hasLowercase', /\p{Ll}/u, 'lowercase letter'),
    contains('hasDigit', /\p{Nd}/u, 'digit'),
  );
}
