import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Payload of the `get` action: exactly one of id, username, email. */
export class GetUserPayload {
  @IsOptional()
  @IsUUID('all', { message: 'id must be a uuid' })
  id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  username?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;
}

/** Payload of the `verify_token` action. */
export class VerifyTokenPayload {
  @IsString()
  @MaxLength(8192)
  token: string;
}
