import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One registry per process: prom-client's default metrics hook process-wide observers, and a
 * second registration would throw. Labels use the route template (`/v1/org-units/:id`), never
 * the raw URL, so ids (and any personal data in a path) never become label values.
 */
let registry: Registry | undefined;
let httpDuration: Histogram<'method' | 'route' | 'status'> | undefined;

export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'tiaojie_' });
    httpDuration = new Histogram({
      name: 'tiaojie_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }
  return registry;
}

export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  metricsRegistry();
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const route = routePath ? `${req.baseUrl}${routePath}` : 'unmatched';
    httpDuration!.observe({ method: req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - start) / 1e9);
  });
  next();
}
