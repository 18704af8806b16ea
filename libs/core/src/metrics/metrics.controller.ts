import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '@tessera/auth';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { HttpMetrics } from '@tessera/observability';
import type { FastifyReply } from 'fastify';

/** `GET /metrics`: every metric in the Prometheus text format (not the JSON envelope). */
@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: HTTP requests by route, status and plugin, and process metrics.' })
  @ApiProduces('text/plain')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.type(this.metrics.contentType);
    return this.metrics.render();
  }
}
