import { Plugin } from '@tessera/sdk';
import { MessageFilters } from './message-filters.service.js';
import { MessagesController } from './messages.controller.js';

/** Filter hooks in action: block or rewrite messages before they are accepted. */
@Plugin({ providers: [MessageFilters], controllers: [MessagesController] })
export class ModerationPlugin {}
