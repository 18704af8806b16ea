import type { PluginRecord } from '../loader/plugin-record.js';
import type { Unavailable } from './plugin-dispatcher.js';

/**
 * What a request to a plugin that is not serving gets. Disabled, starting, failed and
 * unknown plugins all answer 404 PLUGIN_NOT_FOUND (their routes do not exist right now: a
 * plugin being enabled exists from the moment its unit is mounted, atomically), with a
 * message that tells an operator which case it is.
 */
export function describeUnavailable(name: string, record: PluginRecord | undefined): Unavailable {
  if (!record) return { status: 404, code: 'PLUGIN_NOT_FOUND', message: `No plugin named "${name}" is installed.` };
  switch (record.state) {
    case 'loading':
      return { status: 404, code: 'PLUGIN_NOT_FOUND', message: `Plugin "${name}" is starting and does not serve yet.` };
    case 'error':
      return { status: 404, code: 'PLUGIN_NOT_FOUND', message: `Plugin "${name}" failed to load (${record.error?.code}): ${record.error?.message}` };
    default:
      return { status: 404, code: 'PLUGIN_NOT_FOUND', message: `Plugin "${name}" is disabled${record.disabledReason ? ` (${record.disabledReason})` : ''}.` };
  }
}
