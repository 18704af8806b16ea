export * from './scheduled-options.interface.js';
export * from './task-run.interface.js';
export * from './task-registry.js';
export * from './scheduling.constants.js';
export * from './scheduled.decorator.js';
export * from './scheduled-metadata.accessor.js';
