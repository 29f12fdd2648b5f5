import type { Request, RequestHandler, Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { checkAccess } from '../http/access';
import { principalOf } from '../http/authenticate';
import { toApiError } from '../http/error-handler';
import { validatePart } from '../http/validation';
import { parseEventId } from '../services/event-service';
import type { Services } from '../services/services';

/** Query of GET /api/v1/events. */
export const eventsQuerySchema = z.strictObject({
  fromBlock: z.coerce.number().int().min(0).optional().describe('Start at this block when no Last-Event-ID is sent'),
  lastEventId: z.string().optional().describe('Same as the Last-Event-ID header, for clients that cannot set headers'),
});

/** Options of the SSE route. */
export interface EventsRouteOptions {
  heartbeatMs: number;
  logger: Logger;
  /** Aborted at shutdown so open streams end and HTTP can close. */
  shutdown: AbortSignal;
}

/**
 * GET /api/v1/events: Server-Sent Events of GovChainEvent chaincode events, id `block:txIndex`.
 * Resumes after Last-Event-ID with no gap and no duplicate. Operators only (citizens 403): each operator sees
 * their own org's transactions, auditors every org's; sealed accesses never appear.
 */
export function mountEventsRoute(router: Router, guards: RequestHandler[], services: Services, opts: EventsRouteOptions): void {
  router.get('/api/v1/events', ...guards, async (req: Request, res: Response) => {
    const principal = principalOf(res);
    checkAccess({ kind: 'operator' }, principal, { params: {}, query: {} });
    const query = validatePart(eventsQuerySchema, req.query, 'query');
    const header = req.headers['last-event-id'];
    const lastId = typeof header === 'string' && header !== '' ? header : query.lastEventId;
    const after = lastId ? parseEventId(lastId) : undefined;
    const controller = new AbortController();
    const abort = () => controller.abort();
    res.on('close', abort);
    opts.shutdown.addEventListener('abort', abort, { once: true });
    // Opening errors (peer down, bad start) still get a JSON error status: no header has been sent yet.
    if (principal.kind !== 'operator') throw new ApiError(403, 'FORBIDDEN_ROLE', 'this resource is for department operators');
    const events = await services.events.open(services.records.signerFor(principal), { role: principal.role }, {
      ...(after ? { after } : {}),
      ...(query.fromBlock !== undefined ? { fromBlock: BigInt(query.fromBlock) } : {}),
      signal: controller.signal,
    });
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n: connected\n\n');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), opts.heartbeatMs);
    try {
      for await (const ev of events) {
        res.write(`id: ${ev.id}\nevent: ${ev.event}\ndata: ${JSON.stringify(ev.data)}\n\n`);
      }
    } catch (err) {
      if (!controller.signal.aborted) {
        const apiError = toApiError(err);
        opts.logger.warn({ key: apiError.key }, 'event stream ended with an error');
        res.write(`event: error\ndata: ${JSON.stringify(apiError.toBody())}\n\n`);
      }
    } finally {
      clearInterval(heartbeat);
      opts.shutdown.removeEventListener('abort', abort);
      controller.abort();
      res.end();
    }
  });
}
