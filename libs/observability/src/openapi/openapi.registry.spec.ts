import type { OpenAPIObject } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { OpenApiRegistry } from './openapi.registry.js';

const core: OpenAPIObject = {
  openapi: '3.0.0',
  info: { title: 'Tessera', version: '1.0.0' },
  paths: { '/health': { get: { responses: { '200': { description: 'alive' } } } } },
  components: { schemas: { Health: { type: 'object' } } },
  tags: [{ name: 'health' }],
};

const users: Partial<OpenAPIObject> = {
  paths: { '/plugins/users/{id}': { get: { responses: { '200': { description: 'a user' } } } } },
  components: { schemas: { User: { type: 'object' }, Health: { type: 'string' } } },
  tags: [{ name: 'users' }, { name: 'health' }],
};

describe('OpenApiRegistry', () => {
  it('serves the core document merged with the fragments set, and forgets removed ones', () => {
    const registry = new OpenApiRegistry();
    registry.setCore(core);
    registry.setFragment('users', users);

    const merged = registry.document();
    expect(Object.keys(merged.paths)).toEqual(['/health', '/plugins/users/{id}']);
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['Health', 'User']);
    expect(merged.tags?.map((tag) => tag.name)).toEqual(['health', 'users']);

    registry.removeFragment('users');
    expect(Object.keys(registry.document().paths)).toEqual(['/health']);
    expect(registry.fragmentNames()).toEqual([]);
  });

  it('never lets a fragment overwrite what the host already defines', () => {
    const registry = new OpenApiRegistry();
    registry.setCore(core);
    registry.setFragment('users', users);
    expect(registry.document().components?.schemas?.Health).toEqual({ type: 'object' });
    expect(core.paths).toEqual({ '/health': { get: { responses: { '200': { description: 'alive' } } } } });
  });
});
