import { bytesEqual, fromBase64, sha256 } from './bytes';
import { GovChainError } from './errors';
import { readProposal, readTransaction, type FabricCall } from './fabric-messages';

/** The gateway's 202 body when a signature is needed (`Prefer: sign=client`). */
export interface SignatureRequired {
  status: 'SIGNATURE_REQUIRED';
  session: string;
  signUrl: string;
  step: number;
  kind: 'proposal' | 'transaction';
  transactionId: string;
  call: { contract: string; transaction: string };
  /** base64 of the exact bytes to sign. */
  message: string;
  /** base64 SHA-256 of message. */
  digest: string;
  expiresAt: string;
  signer: { mspId: string; operatorId: string; certificateSha256: string };
}

/** One signature this client made: shown to the operator, kept with the result ("which key signed each action"). */
export interface SignedStep {
  kind: 'proposal' | 'transaction';
  transactionId: string;
  /** `Contract:Transaction` as decoded from the signed bytes. */
  fn: string;
  args: string[];
  channel: string;
  chaincode: string;
  /** SHA-256 (hex) of the certificate whose key signed. */
  certificateSha256: string;
}

/** What a signing session may sign, learnt as it goes. */
export interface StepContext {
  mspId: string;
  certificateDer: Uint8Array;
  certificateSha256: string;
  /** The request's Idempotency-Key: every transaction a write submits carries it as its first argument. */
  idempotencyKey: string | undefined;
  /** Invocations of the proposals signed so far, by transaction id. */
  proposals: Map<string, Uint8Array>;
  expect?: { channel?: string; chaincode?: string };
}

function invalid(why: string, req: SignatureRequired): never {
  throw new GovChainError(0, 'SIGNING_REQUEST_INVALID', `refused to sign: ${why}`, { kind: req.kind, transactionId: req.transactionId, call: req.call });
}

function decode(req: SignatureRequired, message: Uint8Array): FabricCall {
  try {
    return req.kind === 'proposal' ? readProposal(message) : readTransaction(message);
  } catch (err) {
    return invalid(`the ${req.kind} cannot be decoded (${(err as Error).message})`, req);
  }
}

/**
 * Decides whether to sign what the gateway sent, from the bytes themselves (never from the gateway's labels):
 * the digest is the SHA-256 of the message; the message names this operator's own certificate as creator, the
 * transaction id and the call the gateway announced (and the expected channel and chaincode); a transaction
 * carries exactly the invocation of a proposal this session signed, and, for a write, the request's
 * Idempotency-Key as first argument; a read (no Idempotency-Key) never gets a transaction signed.
 * Returns the bytes to sign and what they say; throws SIGNING_REQUEST_INVALID otherwise.
 */
export async function checkStep(req: SignatureRequired, ctx: StepContext): Promise<{ message: Uint8Array; signed: SignedStep }> {
  if (req.kind !== 'proposal' && req.kind !== 'transaction') invalid(`unknown step kind ${String(req.kind)}`, req);
  const message = fromBase64(req.message);
  if (!bytesEqual(await sha256(message), fromBase64(req.digest))) invalid('the digest is not the SHA-256 of the message', req);
  const call = decode(req, message);
  if (call.transactionId !== req.transactionId) invalid('the message names another transaction id', req);
  if (call.creatorMspId !== ctx.mspId) invalid(`the creator MSP is ${call.creatorMspId}, not ${ctx.mspId}`, req);
  let creatorDer: Uint8Array;
  try {
    creatorDer = fromBase64(call.creatorCertificatePem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''));
  } catch {
    return invalid('the creator is not a PEM certificate', req);
  }
  if (!bytesEqual(creatorDer, ctx.certificateDer)) invalid('the creator is not this operator\'s certificate', req);
  if (call.fn !== `${req.call.contract}:${req.call.transaction}`) invalid(`the message calls ${call.fn}, not ${req.call.contract}:${req.call.transaction}`, req);
  if (ctx.expect?.channel && call.channel !== ctx.expect.channel) invalid(`the channel is ${call.channel}`, req);
  if (ctx.expect?.chaincode && call.chaincode !== ctx.expect.chaincode) invalid(`the chaincode is ${call.chaincode}`, req);
  if (req.kind === 'proposal') {
    ctx.proposals.set(call.transactionId, call.invocation);
  } else {
    if (ctx.idempotencyKey === undefined) invalid('a read must not submit a transaction', req);
    const proposed = ctx.proposals.get(call.transactionId);
    if (!proposed || !bytesEqual(proposed, call.invocation)) invalid('the transaction does not carry a proposal this session signed', req);
    if (call.args[0] !== ctx.idempotencyKey) invalid('the transaction does not carry this request\'s Idempotency-Key', req);
  }
  const { fn, args, channel, chaincode, transactionId } = call;
  return { message, signed: { kind: req.kind, transactionId, fn, args, channel, chaincode, certificateSha256: ctx.certificateSha256 } };
}
