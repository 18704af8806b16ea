import { Injectable } from '@nestjs/common';
import { PluginContext } from '@tessera/sdk';

/** Builds greetings from the plugin's config, and remembers who registered. */
@Injectable()
export class GreetingService {
  private readonly welcomed: string[] = [];

  constructor(private readonly ctx: PluginContext) {}

  greet(name: string): string {
    const max = this.ctx.config.get<number>('max_name_length');
    return `${this.ctx.config.get<string>('greeting')}, ${name.slice(0, max)}!`;
  }

  remember(username: string): void {
    this.welcomed.push(username);
  }

  welcomedUsers(): readonly string[] {
    return this.welcomed;
  }
}
