import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { DomainError } from '../common/errors/domain-error';
import { sendProblem } from '../common/errors/problem.filter';
import { DeadlineScheduler } from './deadline-scheduler';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'tj_queues';

/**
 * Bull Board, for admins, at /admin/queues. A browser cannot send our bearer token, so the first
 * visit asks for the admin's username and password (HTTP Basic, with the same lockout as the
 * sign-in route) and leaves an ordinary access token in an HttpOnly cookie scoped to this path;
 * it expires with the token and dies with a password change like any other. Scripts can send
 * `Authorization: Bearer` instead.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const auth = app.get(AuthService);
  const scheduler = app.get(DeadlineScheduler);
  const logger = new Logger('QueueDashboard');
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(scheduler.queue, { readOnlyMode: false, description: '期限提醒与届满（deadline reminders and misses）' })],
    serverAdapter,
    options: { uiConfig: { boardTitle: '调解中心队列' } },
  });

  const guard = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.headers.authorization ?? '';
      let token: string | undefined;
      if (header.startsWith('Bearer ')) token = header.slice(7).trim();
      else if (header.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const issued = await auth.signIn(decoded.slice(0, colon), decoded.slice(colon + 1), req.headers['x-request-id'] as string | undefined);
        token = issued.accessToken;
        res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: QUEUE_DASHBOARD_PATH, maxAge: issued.expiresIn * 1000, secure: req.secure });
      } else token = cookieValue(req.headers.cookie, COOKIE);
      if (!token) {
        res.setHeader('WWW-Authenticate', 'Basic realm="tiaojie queues", charset="UTF-8"');
        throw new DomainError('AUTH.UNAUTHENTICATED');
      }
      const principal = await auth.verifyBearer(token).catch((e: unknown) => {
        res.clearCookie(COOKIE, { path: QUEUE_DASHBOARD_PATH });
        res.setHeader('WWW-Authenticate', 'Basic realm="tiaojie queues", charset="UTF-8"');
        throw e;
      });
      if (!principal.roles.includes('admin')) throw new DomainError('AUTH.FORBIDDEN', { actor: principal.displayName });
      next();
    } catch (e) {
      sendProblem(e, req, res, logger);
    }
  };
  (app as NestExpressApplication).use(QUEUE_DASHBOARD_PATH, guard, serverAdapter.getRouter());
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
