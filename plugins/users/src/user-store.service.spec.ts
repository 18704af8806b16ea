import type { PluginContext } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { UserAccount } from './user-account.entity.js';
import { UserStore } from './user-store.service.js';

// The pre-check answers the usual duplicate; these cover the race it cannot see: another
// request inserts the same username or email between the check and the insert, and the
// unique index refuses ours.
describe('UserStore: a registration that loses a race at the unique index', () => {
  const account = { username: 'ada', email: 'ada@example.com', fullName: null, passwordHash: 'hash' };
  const uniqueViolation = (constraint?: string) => Object.assign(new Error('duplicate key value violates unique constraint'), { driverError: { code: '23505', constraint } });

  /** `takenAfterRace`: the column whose value another request inserted meanwhile. */
  function storeWith(options: { saveError: unknown; takenAfterRace?: 'username' | 'email' }): UserStore {
    let raced = false;
    const owner: Partial<UserAccount> = { id: 'someone-else' };
    const repository = {
      findOne: async ({ where }: { where: object }) => (raced && options.takenAfterRace && options.takenAfterRace in where ? owner : null),
      create: (fields: object) => fields,
      save: async () => {
        raced = true;
        throw options.saveError;
      },
    };
    const ctx = { db: { getRepository: () => repository } } as unknown as PluginContext;
    return new UserStore(ctx);
  }

  it.each([
    ['UQ_users_accounts_username', 'username', 'username "ada" is already taken'],
    ['UQ_users_accounts_email', 'email', 'email "ada@example.com" is already registered'],
  ])('maps the index %s to a VALIDATION_ERROR naming %s', async (constraint, field, message) => {
    const refused = storeWith({ saveError: uniqueViolation(constraint) }).insert(account);
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION_ERROR', status: 400, details: [{ field, constraints: { unique: message } }] });
  });

  it('asks the table which value is taken when the driver names no index', async () => {
    const refused = storeWith({ saveError: uniqueViolation(), takenAfterRace: 'email' }).insert(account);
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'email' }] });
  });

  it('lets any other database error through unchanged', async () => {
    const failure = new Error('connection lost');
    await expect(storeWith({ saveError: failure }).insert(account)).rejects.toBe(failure);
  });
});
