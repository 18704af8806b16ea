import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class MessageDto {
  @ApiProperty({ example: 'ada' })
  @IsString()
  @Length(1, 50)
  author: string;

  @ApiProperty({ example: 'what the heck' })
  @IsString()
  @Length(1, 2000)
  text: string;
}
