import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class LoginOtpDto {
  @ApiProperty({ description: 'challenge_token from the first step' })
  @IsString()
  @MaxLength(4096)
  challenge_token: string;

  @ApiProperty({ example: '123456', description: 'Current TOTP code, or an unused recovery code' })
  @IsString()
  @MinLength(6)
  @MaxLength(64)
  code: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  refresh_token: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Also revoke the session of this refresh token' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  refresh_token?: string;
}
