import { describe, expect, it } from 'vitest';
import { describeDatabase, maskDatabaseUrl } from './database-description.js';

describe('describeDatabase', () => {
  it('names PGlite with its folder under dataDir', () => {
    expect(describeDatabase({ dataDir: './data' })).toBe('PGlite at data/pglite');
    expect(describeDatabase({ dataDir: '/var/lib/tessera' })).toBe('PGlite at /var/lib/tessera/pglite');
  });

  it('names PostgreSQL with the URL, password masked', () => {
    expect(describeDatabase({ dataDir: './data', url: 'postgres://postgres:pw@db.internal:5432/app' })).toBe('PostgreSQL at postgres://postgres:***@db.internal:5432/app');
  });
});

describe('maskDatabaseUrl', () => {
  it('masks the password wherever it is given, and leaves password-less URLs alone', () => {
    expect(maskDatabaseUrl('postgresql://u:p%40ss@h/db?sslmode=require')).toBe('postgresql://u:***@h/db?sslmode=require');
    expect(maskDatabaseUrl('postgres://h/db?user=u&password=secret')).toBe('postgres://h/db?user=u&password=***');
    expect(maskDatabaseUrl('postgres://u@h:5432/db')).toBe('postgres://u@h:5432/db');
    expect(maskDatabaseUrl('postgres://u:secret@[bad/db')).not.toContain('secret');
  });
});
