import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

// libs/core/package.json, from src/docs or dist/docs alike.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Scans the host app's controllers into its OpenAPI document, once, at boot.
 *
 * @example
 * openApi.setCore(buildCoreDocument(app));
 */
export function buildCoreDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tessera')
    .setDescription('The host API and the routes of every active plugin (under /plugins/<name>/). Answers are { success, data } or { success: false, error: { code, message, details? } }.')
    .setVersion(version)
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
