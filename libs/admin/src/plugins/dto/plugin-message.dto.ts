import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Longest an admin may wait for an action (a minute): longer work belongs in a task. */
export const MAX_MESSAGE_TIMEOUT_MS = 60_000;

export class PluginMessageDto {
  @ApiProperty({ example: 'greet', description: 'Name of an @Action of the plugin' })
  @IsString()
  @Matches(/^\S+$/, { message: 'action must be an action name without spaces' })
  @MaxLength(100)
  action: string;

  @ApiPropertyOptional({ example: { name: 'Ada' }, description: 'Handed to the action as is' })
  @IsOptional()
  payload?: unknown;

  @ApiPropertyOptional({ default: 5000, maximum: MAX_MESSAGE_TIMEOUT_MS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MESSAGE_TIMEOUT_MS)
  timeout_ms?: number;
}

export class PluginBroadcastDto extends PluginMessageDto {
  @ApiPropertyOptional({ example: 'security', description: 'Only plugins of this category' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ type: [String], example: ['users'], description: 'Plugins left out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  exclude?: string[];
}
