import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminTestApp, type AdminTestApp } from '../../test/admin-test-app.js';
import { AdminAccount } from './admin-account.entity.js';
import { createAdminAccount } from './create-admin-account.js';

describe('createAdminAccount (used by the CLI and at first boot)', () => {
  let test: AdminTestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    test = await createAdminTestApp();
    dataSource = test.app.get(DataSource);
  });
  afterAll(() => test?.close());

  it('creates an account with its roles, lower-casing the email; refuses a taken email and unknown roles', async () => {
    const account = await createAdminAccount(dataSource, { email: ' Ops@Example.com ', password: 'ops-password-long', roles: ['super_admin'] });
    expect(account.email).toBe('ops@example.com');
    await expect(createAdminAccount(dataSource, { email: 'ops@example.com', password: 'ops-password-long' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createAdminAccount(dataSource, { email: 'new@example.com', password: 'ops-password-long', roles: ['nope'] })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect(await dataSource.getRepository(AdminAccount).existsBy({ email: 'new@example.com' })).toBe(false);
  });

  it('rehashes a password made with other argon2 parameters at the next login', async () => {
    await createAdminAccount(dataSource, { email: 'legacy@example.com', password: 'legacy-password-long', roles: [] });
    const before = await dataSource.getRepository(AdminAccount).findOneByOrFail({ email: 'legacy@example.com' });
    expect(before.passwordHash).toContain('m=19456,t=2,p=1');
    await test.http().post('/api/v1/admin/auth/login').send({ email: 'legacy@example.com', password: 'legacy-password-long' }).expect(200);
    const after = await dataSource.getRepository(AdminAccount).findOneByOrFail({ email: 'legacy@example.com' });
    expect(after.passwordHash).toContain('m=1024,t=1,p=1');
    await test.http().post('/api/v1/admin/auth/login').send({ email: 'legacy@example.com', password: 'legacy-password-long' }).expect(200);
  });
});
