import { TesseraError } from '@tessera/sdk';

/**
 * A secret or key of the auth configuration is missing or unusable. Its message is one
 * line naming the variable and how to fix it: the server prints it and exits.
 */
export class AuthConfigurationError extends TesseraError {
  constructor(message: string) {
    super('INTERNAL_ERROR', message);
    this.name = 'AuthConfigurationError';
  }
}
