import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, bearerFor, createAdminTestApp, type AdminTestApp } from '../../test/admin-test-app.js';
import { PasswordHasher } from '@tessera/auth';
import { resolveAdminOptions } from '../admin-options.interface.js';
import { AdminAccount } from '../accounts/admin-account.entity.js';
import { AdminBootstrap } from '../accounts/admin-bootstrap.service.js';
import { createAdminAccount } from '../accounts/create-admin-account.js';
import { PermissionCatalog } from '../permissions/permission-catalog.service.js';

const API = '/api/v1/admin';

// One app (and database) for the whole file: booting one costs more than all its tests.
describe('admin accounts, roles and permissions API', () => {
  let test: AdminTestApp;
  let root: string;

  beforeAll(async () => {
    test = await createAdminTestApp();
    root = await bearerFor(test, ROOT.email, ROOT.password);
  });
  afterAll(() => test?.close());

  const as = (bearer: string) => ({
    get: (path: string) => test.http().get(`${API}${path}`).set('Authorization', bearer),
    post: (path: string, body: object = {}) => test.http().post(`${API}${path}`).set('Authorization', bearer).send(body),
    patch: (path: string, body: object) => test.http().patch(`${API}${path}`).set('Authorization', bearer).send(body),
    delete: (path: string) => test.http().delete(`${API}${path}`).set('Authorization', bearer),
  });

  async function accountWithRole(name: string, permissions: string[]): Promise<{ id: string; bearer: string }> {
    await as(root).post('/roles', { name, permissions }).expect(201);
    const email = `${name}@example.com`;
    const created = await as(root).post('/accounts', { email, password: 'operator-password', roles: [name] }).expect(201);
    return { id: created.body.data.id, bearer: await bearerFor(test, email, 'operator-password') };
  }

  it('serves the permission catalogue, with the permissions plugins declare while loaded', async () => {
    const catalog = test.app.get(PermissionCatalog);
    catalog.register('reports', [{ name: 'reports.read', description: 'Read the reports.' }]);
    const listed = (await as(root).get('/permissions').expect(200)).body.data;
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'plugins.manage', sources: ['core'] }), { name: 'reports.read', description: 'Read the reports.', sources: ['reports'] }]));
    catalog.unregister('reports');
    expect((await as(root).get('/permissions').expect(200)).body.data.map((p: { name: string }) => p.name)).not.toContain('reports.read');
  });

  it('creates, reads, changes and deletes roles; refuses unknown permissions; protects super_admin', async () => {
    const unknown = await as(root).post('/roles', { name: 'typo', permissions: ['plugin.manage'] }).expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'permissions', value: 'plugin.manage' }] });

    const created = await as(root).post('/roles', { name: 'support', description: 'Support desk', permissions: ['users.read', 'tasks.*'] }).expect(201);
    expect(created.body.data).toMatchObject({ name: 'support', permissions: ['tasks.*', 'users.read'], is_system: false });
    await as(root).post('/roles', { name: 'support', permissions: [] }).expect(409);
    await as(root).get('/roles/support').expect(200);
    const changed = await as(root).patch(`/roles/${created.body.data.id}`, { permissions: ['users.read'] }).expect(200);
    expect(changed.body.data.permissions).toEqual(['users.read']);
    await as(root).delete('/roles/support').expect(200);
    await as(root).get('/roles/support').expect(404);

    expect((await as(root).patch('/roles/super_admin', { permissions: [] }).expect(403)).body.error.code).toBe('FORBIDDEN');
    await as(root).delete('/roles/super_admin').expect(403);
  });

  it('enforces permissions: a reader can read but not write, and nobody grants what they do not hold', async () => {
    const reader = await accountWithRole('reader', ['roles.read', 'accounts.read']);
    await as(reader.bearer).get('/roles').expect(200);
    await as(reader.bearer).get('/accounts').expect(200);
    const denied = await as(reader.bearer).post('/roles', { name: 'x', permissions: [] }).expect(403);
    expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN', details: { missing_permissions: ['roles.manage'] } });

    const manager = await accountWithRole('role-manager', ['roles.read', 'roles.manage', 'plugins.read']);
    await as(manager.bearer).post('/roles', { name: 'plugin-reader', permissions: ['plugins.read'] }).expect(201);
    const escalation = await as(manager.bearer).post('/roles', { name: 'sneaky', permissions: ['*'] }).expect(403);
    expect(escalation.body.error.details).toEqual({ permissions: ['*'] });
    await as(manager.bearer).post('/role-assignments', { role: 'super_admin', subject_kind: 'admin', subject_id: manager.id }).expect(403);
  });

  it('assigns roles to admins and end users; permissions change at the next refresh', async () => {
    const operator = await accountWithRole('operator', ['plugins.read']);
    const userId = '6f1c1d7e-8d0a-4c51-9a55-0b7a4b3f2c11';
    const toUser = await as(root).post('/role-assignments', { role: 'operator', subject_kind: 'user', subject_id: userId }).expect(201);
    expect(toUser.body.data).toMatchObject({ role: 'operator', subject_kind: 'user', subject_id: userId });
    await as(root).post('/role-assignments', { role: 'operator', subject_kind: 'user', subject_id: userId }).expect(409);
    const listed = (await as(root).get(`/role-assignments?subject_kind=user&subject_id=${userId}`).expect(200)).body.data;
    expect(listed.map((a: { role: string }) => a.role)).toEqual(['operator']);
    await as(root).delete(`/role-assignments/${toUser.body.data.id}`).expect(200);

    await as(operator.bearer).get('/roles').expect(403);
    await as(root).post('/role-assignments', { role: 'reader', subject_kind: 'admin', subject_id: operator.id }).expect(201);
    const login = (await test.http().post(`${API}/auth/login`).send({ email: 'operator@example.com', password: 'operator-password' }).expect(200)).body.data;
    expect(login.account.roles).toEqual(['operator', 'reader']);
    await as(`Bearer ${login.access_token}`).get('/roles').expect(200);
  });

  it('manages accounts: list, get, disable (sessions revoked), delete', async () => {
    const temp = await accountWithRole('temp', ['plugins.read']);
    const page = (await as(root).get('/accounts?search=temp&page_size=10').expect(200)).body.data;
    expect(page).toMatchObject({ total: 1, items: [{ email: 'temp@example.com', roles: ['temp'], is_active: true }] });
    await as(root).get(`/accounts/${temp.id}`).expect(200);
    await as(root).get('/accounts/not-a-uuid').expect(400);
    await as(root).get('/accounts/00000000-0000-4000-8000-000000000000').expect(404);

    await as(root).patch(`/accounts/${temp.id}`, { is_active: false }).expect(200);
    await as(temp.bearer).get('/me').expect(401);
    await test.http().post(`${API}/auth/login`).send({ email: 'temp@example.com', password: 'operator-password' }).expect(401);

    await as(root).delete(`/accounts/${temp.id}`).expect(200);
    await as(root).get(`/accounts/${temp.id}`).expect(404);
  });

  it('keeps the last active super admin: cannot be deleted, disabled, or lose the role', async () => {
    const me = (await as(root).get('/me').expect(200)).body.data;
    await as(root).delete(`/accounts/${me.id}`).expect(409);
    await as(root).patch(`/accounts/${me.id}`, { is_active: false }).expect(409);
    const [assignment] = (await as(root).get(`/role-assignments?subject_kind=admin&subject_id=${me.id}&role=super_admin`).expect(200)).body.data;
    const refused = await as(root).delete(`/role-assignments/${assignment.id}`).expect(409);
    expect(refused.body.error.message).toMatch(/last active super admin/);
  });

  it('refuses an admin password shorter than 12 characters', async () => {
    const response = await as(root).post('/accounts', { email: 'short@example.com', password: 'short' }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });

  describe('createAdminAccount (used by the CLI and at first boot)', () => {
    it('creates an account with its roles, lower-casing the email; refuses a taken email and unknown roles', async () => {
      const dataSource = test.app.get(DataSource);
      const account = await createAdminAccount(dataSource, { email: ' Cli@Example.com ', password: 'cli-password-long', roles: ['super_admin'] });
      expect(account.email).toBe('cli@example.com');
      await expect(createAdminAccount(dataSource, { email: 'cli@example.com', password: 'cli-password-long' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(createAdminAccount(dataSource, { email: 'new@example.com', password: 'cli-password-long', roles: ['nope'] })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      expect(await dataSource.getRepository(AdminAccount).existsBy({ email: 'new@example.com' })).toBe(false);
    });

    it('the first-boot admin is only created while no account exists', async () => {
      const dataSource = test.app.get(DataSource);
      const options = resolveAdminOptions({ initialAdmin: { email: 'second-boot@example.com', password: 'second-boot-password' } });
      await new AdminBootstrap(dataSource, test.app.get(PasswordHasher), options).onApplicationBootstrap();
      expect(await dataSource.getRepository(AdminAccount).existsBy({ email: 'second-boot@example.com' })).toBe(false);
    });

    it('a first-boot admin with a short password stops the boot with a message naming the variables', async () => {
      const empty = { getRepository: () => ({ exists: async () => false }) } as unknown as DataSource;
      const options = resolveAdminOptions({ initialAdmin: { email: 'first@example.com', password: 'short' } });
      await expect(new AdminBootstrap(empty, test.app.get(PasswordHasher), options).onApplicationBootstrap()).rejects.toThrow(/^ADMIN_EMAIL \/ ADMIN_PASSWORD cannot create the first admin: .*12/);
    });

    it('an account made with other argon2 parameters is rehashed at its next login', async () => {
      const dataSource = test.app.get(DataSource);
      await createAdminAccount(dataSource, { email: 'legacy@example.com', password: 'legacy-password-long', roles: [] });
      const before = await dataSource.getRepository(AdminAccount).findOneByOrFail({ email: 'legacy@example.com' });
      expect(before.passwordHash).toContain('m=19456,t=2,p=1');
      await test.http().post(`${API}/auth/login`).send({ email: 'legacy@example.com', password: 'legacy-password-long' }).expect(200);
      const after = await dataSource.getRepository(AdminAccount).findOneByOrFail({ email: 'legacy@example.com' });
      expect(after.passwordHash).toContain('m=1024,t=1,p=1');
      await test.http().post(`${API}/auth/login`).send({ email: 'legacy@example.com', password: 'legacy-password-long' }).expect(200);
    });
  });
});
