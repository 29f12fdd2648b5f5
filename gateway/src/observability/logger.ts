import pino, { type Logger } from 'pino';

/**
 * Paths redacted from every log line. Bodies are never logged at all (they may hold personal data);
 * these cover headers that carry credentials.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
];

/** Creates the structured logger. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'govchain-gateway' } }, destination);
}
