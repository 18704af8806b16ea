import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { TesseraError } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { createValidationPipe } from './validation-pipe.factory.js';

class AddressDto {
  @IsString()
  city: string;
}

class SignUpDto {
  @IsEmail()
  email: string;

  @IsInt()
  @Min(18)
  age: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

const metadata = { type: 'body' as const, metatype: SignUpDto };

describe('createValidationPipe', () => {
  it('answers VALIDATION_ERROR listing every invalid field, nested ones by path', async () => {
    const error = await createValidationPipe()
      .transform({ email: 'nope', age: 12, address: { city: 5 } }, metadata)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TesseraError);
    const tessera = error as TesseraError;
    expect(tessera.status).toBe(400);
    expect(tessera.code).toBe('VALIDATION_ERROR');
    expect(tessera.details).toEqual([
      { field: 'email', constraints: { isEmail: 'email must be an email' } },
      { field: 'age', constraints: { min: 'age must not be less than 18' } },
      { field: 'address.city', constraints: { isString: 'city must be a string' } },
    ]);
    expect(tessera.message).toContain('email must be an email');
  });

  it('rejects fields the DTO does not declare', async () => {
    const error = (await createValidationPipe()
      .transform({ email: 'a@b.co', age: 20, address: { city: 'Oslo' }, admin: true }, metadata)
      .catch((caught: unknown) => caught)) as TesseraError;
    expect(error.details).toEqual([{ field: 'admin', constraints: { whitelistValidation: 'property admin should not exist' } }]);
  });

  it('returns a transformed instance when the body is valid', async () => {
    const value = await createValidationPipe().transform({ email: 'a@b.co', age: 20, address: { city: 'Oslo' } }, metadata);
    expect(value).toBeInstanceOf(SignUpDto);
    expect(value.address).toBeInstanceOf(AddressDto);
  });
});
