import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Structured JSON logs. Personal data never reaches them: requests are logged by method, path
 * (no query string — filters may carry names or phone numbers) and status only; credentials are
 * redacted in case a header is ever logged by a future serializer.
 */
export function loggerParams(config: AppConfig, stream?: DestinationStream): Params {
  const options = {
    level: config.LOG_LEVEL,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.body', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    base: { service: 'tiaojie-api', role: config.APP_ROLE },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
  // A stream is given only by tests, which read the log to prove no personal data reaches it.
  return { pinoHttp: stream ? [options, stream] : options };
}
