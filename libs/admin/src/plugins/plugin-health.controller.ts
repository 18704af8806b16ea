import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { RequirePermission } from '@tessera/auth';
import { PluginHealthService, PluginLoader, PluginMetricsStore, RESOLUTION_MINUTES, type MetricsResolution } from '@tessera/kernel';
import { ok, TesseraError } from '@tessera/sdk';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { PLUGINS_API_PREFIX } from '../admin.constants.js';
import { AdminApiController } from '../http/admin-controller.decorator.js';

const RESOLUTIONS = Object.keys(RESOLUTION_MINUTES) as MetricsResolution[];

/** Query of GET /api/v1/plugins/:name/metrics (kept here: only this route reads it). */
export class PluginMetricsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: one hour before end_time; clamped to the retention (24 h by default)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  start_time?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  end_time?: Date;

  @ApiPropertyOptional({ enum: RESOLUTIONS, default: '1m', description: 'Width of one point; at most 1440 points per answer' })
  @IsOptional()
  @IsIn(RESOLUTIONS)
  resolution?: MetricsResolution;
}

/** A plugin's health (its own checks, state, quarantine, uptime, error rate) and its request metrics over time. */
@AdminApiController(PLUGINS_API_PREFIX, 'plugins')
export class PluginHealthController {
  constructor(
    private readonly loader: PluginLoader,
    private readonly health: PluginHealthService,
    private readonly metrics: PluginMetricsStore,
  ) {}

  @Get(':name/health')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: "A plugin's health: up, degraded or down, with its state, quarantine, uptime, error rate and its own @HealthCheck() results" })
  async healthOf(@Param('name') name: string) {
    return ok(await this.health.check(name));
  }

  @Get(':name/metrics')
  @RequirePermission('plugins.read')
  @ApiOperation({ summary: "A plugin's requests, 5xx errors, 4xx refusals and latency p50/p95/p99 as a time series (1m, 5m, 15m or 1h points)" })
  metricsOf(@Param('name') name: string, @Query() query: PluginMetricsQueryDto) {
    if (!this.loader.get(name)) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed; list them with GET /api/v1/plugins.`);
    if (query.start_time && query.end_time && query.start_time >= query.end_time) {
      const message = 'start_time must be before end_time';
      throw new TesseraError('VALIDATION_ERROR', `Invalid request: ${message}.`, [{ field: 'start_time', constraints: { isBeforeEndTime: message } }]);
    }
    return ok(this.metrics.query(name, { start: query.start_time, end: query.end_time, resolution: query.resolution }));
  }
}
