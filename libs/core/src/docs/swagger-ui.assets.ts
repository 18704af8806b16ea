import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

/** The page at `/docs`; the UI loads the merged document from `/docs/json`. */
export const SWAGGER_UI_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tessera API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-ui-init.js"></script>
</body>
</html>
`;

/** Kept out of the page so a strict Content-Security-Policy (no inline scripts) still works. */
export const SWAGGER_UI_INIT = `window.ui = SwaggerUIBundle({
  url: '/docs/json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

export interface SwaggerUiAsset {
  type: string;
  body: Buffer;
}

/**
 * Serves Swagger UI from the installed swagger-ui-dist package (no CDN: the server may
 * have no internet). Only the files the page needs are served; each is read once.
 */
export class SwaggerUiAssets {
  private readonly folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  private readonly loaded = new Map<string, Promise<SwaggerUiAsset>>();

  /** The asset, or undefined for any name not on the list. */
  get(name: string): Promise<SwaggerUiAsset> | undefined {
    const type = TYPES[name];
    if (type === undefined) return undefined;
    let asset = this.loaded.get(name);
    if (!asset) {
      asset = readFile(join(this.folder, name)).then((body) => ({ type, body }));
      this.loaded.set(name, asset);
    }
    return asset;
  }
}
