import { Injectable } from '@nestjs/common';
import { BLOCK, Filter, PluginContext, type Blocked } from '@tessera/sdk';
import type { MessageDto } from './message.dto.js';

/**
 * Two filters on `message_sent`. Priority 1 runs first and blocks banned words; priority
 * 5 then masks rude words. Any plugin can add its own filter between or after them.
 */
@Injectable()
export class MessageFilters {
  constructor(private readonly ctx: PluginContext) {}

  @Filter('message_sent', { priority: 1 })
  blockBanned(message: MessageDto): MessageDto | Blocked {
    const banned = this.ctx.config.get<string[]>('banned_words');
    const text = message.text.toLowerCase();
    return banned.some((word) => text.includes(word.toLowerCase())) ? BLOCK : message;
  }

  @Filter('message_sent', { priority: 5 })
  maskRude(message: MessageDto): MessageDto {
    let text = message.text;
    for (const word of this.ctx.config.get<string[]>('masked_words')) {
      text = text.replace(new RegExp(`\\b${escapeRegExp(word)}\\b`, 'gi'), (match) => '*'.repeat(match.length));
    }
    return { ...message, text };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
