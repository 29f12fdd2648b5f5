import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { decodeTransaction, fromBase64, receiptDigest, sha256, toHex, type BuiltReceipt, type Receipt } from '@govchain/verifier';
import { Business, Copyright, depositIdSchema, parcelNumberSchema, Property, usccSchema } from '@govchain/chaincode';
import type { Principal } from '../auth/principal';
import { certificateModel, type CertificateKind } from '../certificates/certificate-model';
import { renderCertificatePdf } from '../certificates/certificate-pdf';
import { principalOf } from '../http/authenticate';
import { runSigned, sendResult } from '../http/mount-routes';
import type { HandlerResult } from '../http/route-spec';
import { validatePart } from '../http/validation';
import { txIdSchema } from '../openapi/common-schemas';
import { call, type EvaluateCall } from '../fabric/call';
import type { Services } from '../services/services';

/** Path parameters of the receipt routes. */
export const receiptParamsSchema = z.strictObject({ txId: txIdSchema });
/** Path parameters of a block-data part. */
export const receiptPartParamsSchema = z.strictObject({ txId: txIdSchema, part: z.string().regex(/^(0|[1-9][0-9]{0,3})$/, 'a part number (0-9999)') });
/** Query of the public receipt route: the certificate's evidence (SHA-256 of the committed envelope). */
export const publicReceiptQuerySchema = z.strictObject({
  evidence: z.string().regex(/^[0-9a-f]{64}$/, 'evidence is the 64-hex SHA-256 printed in the certificate\'s QR code'),
});

/** Middleware chains: authenticated (token + rate limit) and anonymous (rate limit only). */
export interface ReceiptGuards {
  authenticated: RequestHandler[];
  anonymous: RequestHandler[];
}

/** Settings of the certificate routes. */
export interface ReceiptRouteOptions {
  /** Base URL of the public receipt route, printed in QR codes. */
  publicUrl: string;
  issuerMsp: string;
}

/** Where each certificate finds its record and the transaction it certifies. */
const CERTIFICATES: Record<CertificateKind, {
  path: string; param: string; schema: z.ZodType<string>;
  read: (id: string) => EvaluateCall;
  txIdOf: (record: Record<string, unknown>) => string | undefined;
}> = {
  copyright: {
    path: '/api/v1/copyrights/:id/certificate.pdf', param: 'id', schema: depositIdSchema,
    read: (id) => call(Copyright.tx.GetRecord, ['deposit', id]),
    // The certificate proves the deposit: the transaction that created it, not the latest version.
    txIdOf: (r) => (r.certificate as { txId?: string } | undefined)?.txId,
  },
  property: {
    path: '/api/v1/properties/:parcel/certificate.pdf', param: 'parcel', schema: parcelNumberSchema,
    read: (id) => call(Property.tx.GetRecord, ['title', id]),
    txIdOf: (r) => (r.meta as { updatedTxId?: string } | undefined)?.updatedTxId,
  },
  business: {
    path: '/api/v1/businesses/:code/certificate.pdf', param: 'code', schema: usccSchema,
    read: (id) => call(Business.tx.Get, [id]),
    txIdOf: (r) => (r.meta as { updatedTxId?: string } | undefined)?.updatedTxId,
  },
};

/** Canonical receipt JSON as served and embedded (the digest is over the same canonical form). */
export const receiptText = (receipt: Receipt): string => `${JSON.stringify(receipt, null, 2)}\n`;

/** A receipt as served: its canonical text, with its digest and part count in headers. */
async function receiptResult({ receipt, parts }: BuiltReceipt): Promise<HandlerResult> {
  const headers: Record<string, string> = { 'GovChain-Receipt-Digest': `sha256:${await receiptDigest(receipt)}` };
  if (parts.length > 0) headers['GovChain-Receipt-Parts'] = String(parts.length);
  return { status: 200, body: undefined, headers, raw: { contentType: 'application/json', bytes: receiptText(receipt) } };
}

const partResult = (part: Uint8Array): HandlerResult => ({ status: 200, body: undefined, raw: { contentType: 'application/octet-stream', bytes: Buffer.from(part) } });

/** Renders the certificate PDF of one record for a principal. */
async function certificatePdf(services: Services, opts: ReceiptRouteOptions, kind: CertificateKind, principal: Principal, id: string): Promise<Buffer> {
  const c = CERTIFICATES[kind];
  const record = (await services.records.read(principal, c.read(id))) as Record<string, unknown>;
  const txId = txIdSchema.parse(c.txIdOf(record));
  const { receipt, parts } = await services.receipts.receipt(principal, txId);
  const envelope = fromBase64(receipt.transaction.envelope);
  const tx = await decodeTransaction(envelope);
  return renderCertificatePdf(certificateModel({
    kind, id, receipt, receiptJson: receiptText(receipt), receiptDigest: await receiptDigest(receipt), evidence: toHex(await sha256(envelope)),
    time: tx.timestamp.toISOString(), issuerMsp: opts.issuerMsp, publicUrl: opts.publicUrl,
  }), parts);
}

/**
 * Receipts and certificates:
 * - GET /api/v1/receipts/{txId}: the receipt, for operators and the citizens it concerns (receipt-access.ts);
 * - GET /api/v1/public/receipts/{txId}?evidence=: without a token, only what a certificate already shows;
 * - GET .../certificate.pdf for a copyright deposit, a property title and a business registration.
 */
export function mountReceiptRoutes(router: Router, guards: ReceiptGuards, services: Services, opts: ReceiptRouteOptions): void {
  // An operator's reads here may be signed in their client (`Prefer: sign=client`), as on every JSON route: a
  // gateway holding no operator key serves them that way (the ledger-bytes reads stay with its service identity).
  const asPrincipal = (req: Request, res: Response, run: (p: Principal) => Promise<HandlerResult>) =>
    runSigned(req, services, principalOf(res), '', true, run).then((result) => sendResult(res, result));
  router.get('/api/v1/receipts/:txId', ...guards.authenticated, async (req: Request, res: Response) => {
    const { txId } = validatePart(receiptParamsSchema, req.params, 'path');
    await asPrincipal(req, res, async (p) => receiptResult(await services.receipts.receipt(p, txId)));
  });
  router.get('/api/v1/receipts/:txId/parts/:part', ...guards.authenticated, async (req: Request, res: Response) => {
    const { txId, part } = validatePart(receiptPartParamsSchema, req.params, 'path');
    await asPrincipal(req, res, async (p) => partResult(await services.receipts.part(p, txId, Number(part))));
  });
  router.get('/api/v1/public/receipts/:txId', ...guards.anonymous, async (req: Request, res: Response) => {
    const { txId } = validatePart(receiptParamsSchema, req.params, 'path');
    const { evidence } = validatePart(publicReceiptQuerySchema, req.query, 'query');
    sendResult(res, await receiptResult(await services.receipts.receipt({ kind: 'public', evidence }, txId)));
  });
  router.get('/api/v1/public/receipts/:txId/parts/:part', ...guards.anonymous, async (req: Request, res: Response) => {
    const { txId, part } = validatePart(receiptPartParamsSchema, req.params, 'path');
    const { evidence } = validatePart(publicReceiptQuerySchema, req.query, 'query');
    sendResult(res, partResult(await services.receipts.part({ kind: 'public', evidence }, txId, Number(part))));
  });
  for (const [kind, c] of Object.entries(CERTIFICATES) as Array<[CertificateKind, (typeof CERTIFICATES)[CertificateKind]]>) {
    router.get(c.path, ...guards.authenticated, async (req: Request, res: Response) => {
      const params = validatePart(z.strictObject({ [c.param]: c.schema }), req.params, 'path') as Record<string, string>;
      const id = params[c.param] as string;
      await asPrincipal(req, res, async (p) => ({
        status: 200,
        body: undefined,
        headers: { 'Content-Disposition': `inline; filename="${kind}-certificate-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"` },
        raw: { contentType: 'application/pdf', bytes: await certificatePdf(services, opts, kind, p, id) },
      }));
    });
  }
}

/** Paths and summaries of these routes, for the OpenAPI document. */
export const RECEIPT_ROUTE_DOCS = {
  part: { path: '/api/v1/receipts/{txId}/parts/{part}', operationId: 'getReceiptPart', summary: 'Block-data part n of a receipt whose block is too large to inline (the receipt names each part by SHA-256)' },
  publicPart: { path: '/api/v1/public/receipts/{txId}/parts/{part}', operationId: 'getPublicReceiptPart', summary: 'Block-data part n of a public receipt' },
  receipt: { path: '/api/v1/receipts/{txId}', operationId: 'getReceipt', summary: 'Transaction receipt (govchain-receipt/1) that anyone can verify offline with govchain-verify' },
  publicReceipt: { path: '/api/v1/public/receipts/{txId}', operationId: 'getPublicReceipt', summary: 'Receipt of a certificate\'s transaction, without a token, given the certificate\'s evidence hash' },
  certificates: [
    { path: '/api/v1/copyrights/{id}/certificate.pdf', operationId: 'depositCertificatePdf', summary: 'Copyright deposit certificate (PDF, receipt attached)', param: 'id', schema: depositIdSchema },
    { path: '/api/v1/properties/{parcel}/certificate.pdf', operationId: 'titleExtractPdf', summary: 'Property title extract (PDF, receipt attached)', param: 'parcel', schema: parcelNumberSchema },
    { path: '/api/v1/businesses/{code}/certificate.pdf', operationId: 'businessExtractPdf', summary: 'Business registration extract (PDF, receipt attached)', param: 'code', schema: usccSchema },
  ],
} as const;
