import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsUserPassword } from './password-rules.decorator.js';
import { IsFullName, IsUserEmail, IsUsername } from './user-fields.decorator.js';

/** Body of POST /register, and payload of the `create` action. */
export class RegisterDto {
  @ApiProperty({ example: 'ada', minLength: 3, maxLength: 50, pattern: '^[A-Za-z0-9._-]+$' })
  @IsUsername()
  username: string;

  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @IsUserEmail()
  email: string;

  @ApiProperty({ example: 'Analytical3ngine', minLength: 8, maxLength: 128, description: 'At least one uppercase letter, one lowercase letter and one digit' })
  @IsUserPassword()
  password: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ada Lovelace', maxLength: 100 })
  @IsOptional()
  @IsFullName()
  full_name?: string | null;
}
