import type { PluginManifest } from '@tessera/sdk';
import type { PluginUnit } from '../unit/plugin-unit.interface.js';

/** States shown to admins (DESIGN.md "Lifecycle"). */
export type PluginState = 'loading' | 'active' | 'inactive' | 'error';

export interface PluginFailure {
  code: string;
  message: string;
}

/** Everything the kernel knows of one plugin folder, loaded or not. */
export interface PluginRecord {
  name: string;
  dir: string;
  manifest?: PluginManifest;
  warnings: string[];
  state: PluginState;
  error?: PluginFailure;
  /** Position in the load order (hook tie-breaker); -1 until ordered. */
  order: number;
  unit?: PluginUnit;
  activatedAt?: Date;
  /** Why it is inactive, when an admin (or a cascade) disabled it. */
  disabledReason?: string;
  /** Set while the kernel keeps it out of traffic for repeated failures. */
  quarantine?: { since: Date; reason: string };
}
