import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class TotpCodeDto {
  @ApiProperty({ example: '123456', description: 'Current TOTP code (or, to disable, a recovery code)' })
  @IsString()
  @MinLength(6)
  @MaxLength(64)
  code: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  current_password: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  new_password: string;
}
