import { describe, expect, it } from 'vitest';
import { readPageSettings } from './page-settings.js';

describe('readPageSettings (the manifest’s pagination section)', () => {
  it('reads default_page_size and max_page_size, with 20 and 100 when absent', () => {
    expect(readPageSettings({ pagination: { default_page_size: 10, max_page_size: 50 } })).toEqual({ defaultPageSize: 10, maxPageSize: 50 });
    expect(readPageSettings({})).toEqual({ defaultPageSize: 20, maxPageSize: 100 });
    expect(readPageSettings({ pagination: { max_page_size: 5 } })).toEqual({ defaultPageSize: 5, maxPageSize: 5 });
  });

  it.each([
    [{ pagination: { max_page_size: 0 } }, '"pagination.max_page_size" must be an integer of at least 1 (got 0)'],
    [{ pagination: { default_page_size: '20' } }, '"pagination.default_page_size" must be an integer of at least 1 (got "20")'],
    [{ pagination: { default_page_size: 200, max_page_size: 100 } }, '"pagination.default_page_size" (200) must not be greater than "pagination.max_page_size" (100)'],
    [{ pagination: [20, 100] }, '"pagination" must be a map'],
  ])('stops the plugin at load for %o, naming the key', (settings, message) => {
    expect(() => readPageSettings(settings)).toThrow(expect.objectContaining({ code: 'PLUGIN_CONFIGURATION_ERROR', message: expect.stringContaining(message) }));
  });
});
