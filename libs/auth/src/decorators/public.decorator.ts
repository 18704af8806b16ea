import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC_KEY } from '../auth.constants.js';

/**
 * Lets a route (or every route of a controller) through the global auth guard without a token.
 *
 * @example
 * @Public() @Post('auth/login') login(@Body() body: LoginDto) { ... }
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
