export * from './boot-plugin-options.interface.js';
export * from './boot-plugin.js';
export * from './plugin-harness.js';
export * from './plugin-registrations.js';
export * from './plugin-boot.error.js';
export type { TestPrincipal } from './test-token.js';
