import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApi } from './merge-openapi.js';

const EMPTY_DOCUMENT: OpenAPIObject = { openapi: '3.0.0', info: { title: 'Tessera', version: '0.0.0' }, paths: {} };

/**
 * The OpenAPI document served at `/docs/json`: the host's own document, built once at
 * boot, plus named fragments the kernel sets and removes as plugins come and go.
 *
 * @example
 * openApi.setFragment('users', SwaggerModule.createDocument(usersUnit, config));
 * openApi.removeFragment('users');
 * const document = openApi.document();
 */
@Injectable()
export class OpenApiRegistry {
  private core: OpenAPIObject = EMPTY_DOCUMENT;
  private readonly fragments = new Map<string, Partial<OpenAPIObject>>();
  private merged: OpenAPIObject | undefined;

  setCore(document: OpenAPIObject): void {
    this.core = document;
    this.merged = undefined;
  }

  setFragment(name: string, document: Partial<OpenAPIObject>): void {
    this.fragments.set(name, document);
    this.merged = undefined;
  }

  removeFragment(name: string): void {
    if (this.fragments.delete(name)) this.merged = undefined;
  }

  fragmentNames(): string[] {
    return [...this.fragments.keys()];
  }

  /** The merged document; rebuilt only after a change. */
  document(): OpenAPIObject {
    this.merged ??= mergeOpenApi(this.core, [...this.fragments.values()]);
    return this.merged;
  }
}
