export * from './errors/error-codes.js';
export * from './errors/tessera.error.js';
export * from './envelope.js';
export * from './auth/principal.interface.js';
export * from './manifest/plugin-manifest.interface.js';
