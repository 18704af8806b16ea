import { Plugin } from '@tessera/sdk';
import { ClockController } from './clock.controller.js';
import { ClockService } from './clock.service.js';

/** Scheduled tasks in action: one declared with @Scheduled, one added at run time. */
@Plugin({ providers: [ClockService], controllers: [ClockController] })
export class ClockPlugin {}
