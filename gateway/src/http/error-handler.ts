import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Turns anything thrown into an ApiError without leaking internals. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const bp = err as BodyParserError;
  switch (bp?.type) {
    case 'entity.too.large':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'the request body is too large');
    case 'entity.parse.failed':
      return new ApiError(400, 'INVALID_ARGUMENT', 'the request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding');
    default:
      // Any other client-side body failure (e.g. an aborted request) is the client's: INVALID_ARGUMENT's 400.
      if (typeof bp?.status === 'number' && bp.status >= 400 && bp.status < 500) {
        return new ApiError(400, 'INVALID_ARGUMENT', 'the request could not be read');
      }
      return new ApiError(500, 'INTERNAL', 'internal error');
  }
}

/** The one error middleware: renders `{"error":{code,key,message,txId,details}}`; logs 5xx causes server-side only. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) {
      const cause = err instanceof ApiError ? err.internal : err instanceof Error ? { name: err.name, message: err.message } : String(err);
      logger.error({ key: apiError.key, method: req.method, path: req.route?.path ?? req.path, cause }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (apiError.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="govchain"');
    // A 503 is a network fault a retry with the same Idempotency-Key may cure (RFC 9110 Retry-After, in seconds).
    if (apiError.status === 503) res.setHeader('Retry-After', '1');
    res.status(apiError.status).json(apiError.toBody());
  };
}
