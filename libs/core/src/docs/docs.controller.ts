import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { Public } from '@tessera/auth';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { OpenApiRegistry } from '@tessera/observability';
import type { FastifyReply } from 'fastify';
import { SWAGGER_UI_INIT, SWAGGER_UI_PAGE, SwaggerUiAssets } from './swagger-ui.assets.js';

/**
 * `/docs` (Swagger UI) and `/docs/json` (the OpenAPI document: the host's routes plus the
 * fragments of the plugins loaded right now, see OpenApiRegistry).
 */
@ApiExcludeController()
@Public()
@Controller('docs')
export class DocsController {
  private readonly assets = new SwaggerUiAssets();

  constructor(private readonly openApi: OpenApiRegistry) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return SWAGGER_UI_PAGE;
  }

  @Get('json')
  document(): OpenAPIObject {
    return this.openApi.document();
  }

  @Get('swagger-ui-init.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  init(): string {
    return SWAGGER_UI_INIT;
  }

  @Get(':asset')
  async asset(@Param('asset') name: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const asset = await this.assets.get(name);
    if (!asset) throw new NotFoundException(`There is no /docs/${name}. The API documentation is at /docs and /docs/json.`);
    void reply.type(asset.type).header('cache-control', 'public, max-age=86400');
    return asset.body;
  }
}
