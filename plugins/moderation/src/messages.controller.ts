import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BLOCK, Endpoint, ok, PluginContext, TesseraError } from '@tessera/sdk';
import { MessageDto } from './message.dto.js';

@ApiTags('moderation')
@Controller('messages')
export class MessagesController {
  constructor(private readonly ctx: PluginContext) {}

  /** Runs the message through every `message_sent` filter of every plugin, then accepts it. */
  @Endpoint('POST', '/', { public: true, summary: 'Send a message through the message_sent filters' })
  async send(@Body() message: MessageDto) {
    const filtered = await this.ctx.hooks.filter('message_sent', { author: message.author, text: message.text });
    if (filtered === BLOCK) {
      throw new TesseraError('VALIDATION_ERROR', 'The message was blocked by moderation.', { blocked: true });
    }
    return ok(filtered);
  }
}
