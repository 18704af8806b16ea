/**
 * The one catalogue of Tessera error codes and the HTTP status each one answers with.
 * Codes are part of the public API: clients switch on them, so never rename one.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  PLUGIN_INCOMPATIBLE: 400,
  PLUGIN_CONFIGURATION_ERROR: 400,
  PLUGIN_MANIFEST_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PLUGIN_PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  PLUGIN_NOT_FOUND: 404,
  ACTION_NOT_FOUND: 404,
  PLUGIN_COMMUNICATION_TIMEOUT: 408,
  CONFLICT: 409,
  PLUGIN_ALREADY_INSTALLED: 409,
  PLUGIN_DEPENDENCY_ERROR: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  PLUGIN_INSTALLATION_FAILED: 500,
  PLUGIN_STARTUP_FAILED: 500,
  HOOK_FILTER_FAILED: 500,
  ACTION_FAILED: 500,
  SERVICE_UNAVAILABLE: 503,
  PLUGIN_DISABLED: 503,
  PLUGIN_QUARANTINED: 503,
  PLUGIN_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The `error` member of a failed answer: `{ success: false, error }`. */
export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  details?: unknown;
}
