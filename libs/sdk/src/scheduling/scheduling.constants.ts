/** Metadata key under which `@Scheduled()` stores its options on the decorated method. */
export const SCHEDULED_METADATA = 'tessera:scheduled';
