import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../errors/api-error';

/** Status, key and text for a request Node's HTTP parser rejected before Express saw it. */
function classify(code: string | undefined): { status: number; reason: string; error: ApiError } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, reason: 'Request Header Fields Too Large', error: new ApiError(431, 'HEADERS_TOO_LARGE', 'the request line or headers are too large') };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', error: new ApiError(408, 'REQUEST_TIMEOUT', 'the request was not received in time') };
  }
  return { status: 400, reason: 'Bad Request', error: new ApiError(400, 'INVALID_ARGUMENT', 'the request is not valid HTTP') };
}

/**
 * Answers requests that Node's HTTP parser refuses (oversized headers, malformed request lines, bad chunking)
 * with the gateway's JSON error body instead of Node's bare status line, so every 4xx carries a key.
 */
export function answerClientErrors(server: Server): Server {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, reason, error } = classify(err.code);
    const body = JSON.stringify(error.toBody());
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
