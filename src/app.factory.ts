import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { requestIdMiddleware } from './common/http/request-id';
import { AppConfig } from './config/app-config';
import { httpMetricsMiddleware } from './health/metrics';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { mountQueueDashboard } from './deadlines/queue-dashboard';

/**
 * Everything an app needs beyond its modules, shared by main.ts and the test harness so tests
 * exercise exactly what production runs.
 */
export function configureApp(app: INestApplication): void {
  const express_ = app as NestExpressApplication;
  express_.useLogger(app.get(Logger));
  express_.disable('x-powered-by');
  // The request id comes first, so even a body that fails to parse gets one in its error.
  express_.use(requestIdMiddleware);
  express_.use(httpMetricsMiddleware);
  express_.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.enableCors({ exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After'] });
  serveOpenApi(app, buildOpenApiDocument(app));
  mountQueueDashboard(app);
}

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true, abortOnError: false });
  configureApp(app);
  return app;
}
