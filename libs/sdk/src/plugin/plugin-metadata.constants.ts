/** Metadata keys written by the sdk decorators and read by the kernel's accessors. */
export const PLUGIN_METADATA = 'tessera:plugin';
export const ENDPOINT_METADATA = 'tessera:endpoint';
export const HOOK_METADATA = 'tessera:hook';
export const FILTER_METADATA = 'tessera:filter';
export const ACTION_METADATA = 'tessera:action';
export const HEALTH_CHECK_METADATA = 'tessera:health-check';
