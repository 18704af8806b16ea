import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Body of POST /login, and payload of the `authenticate` action. */
export class LoginDto {
  @ApiProperty({ example: 'ada', description: 'The username or the email address' })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  username: string;

  @ApiProperty({ example: 'Analytical3ngine' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

/** Body of POST /refresh. */
export class RefreshDto {
  @ApiProperty({ description: 'refresh_token of the last login or refresh' })
  @IsString()
  @MaxLength(256)
  refresh_token: string;
}

/** Body of POST /logout (optional). */
export class LogoutDto {
  @ApiPropertyOptional({ description: 'Also end the session of this refresh token' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  refresh_token?: string;
}
