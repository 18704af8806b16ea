import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '@tessera/auth';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ReadinessService } from '@tessera/observability';
import { ok, TesseraError, type SuccessEnvelope } from '@tessera/sdk';

/**
 * `GET /health`: the process answers (liveness). `GET /health/ready`: it can serve
 * (readiness): 200 with `status: ok`, 200 with `status: degraded` when only a non-critical
 * part (the cache) is impaired, 503 SERVICE_UNAVAILABLE when the database is down.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and answering.' })
  live(): SuccessEnvelope<{ status: 'ok'; uptimeSeconds: number }> {
    return ok({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database and cache (200 ok or degraded, 503 when the database is down).' })
  async ready(): Promise<SuccessEnvelope<HealthCheckResult>> {
    try {
      return ok(await this.readiness.check());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      throw new TesseraError('SERVICE_UNAVAILABLE', notReadyMessage(result), result);
    }
  }
}

function notReadyMessage(result: HealthCheckResult): string {
  if (result.status === 'shutting_down') return 'Not ready: the server is shutting down.';
  const down = Object.entries(result.error ?? {}).map(([name, report]) => {
    const reason = (report as { error?: unknown }).error;
    return typeof reason === 'string' ? `${name} is down (${reason})` : `${name} is down`;
  });
  return `Not ready: ${down.join(', ')}.`;
}
