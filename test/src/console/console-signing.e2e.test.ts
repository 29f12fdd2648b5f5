import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomInt, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peer } from '@hyperledger/fabric-protos';
import { paths } from '@govchain/network';
import { addOperator } from '@govchain/network';
import { connectAs, type OperatorClient } from '../support/fabric';
import { committedEnvelope } from '../support/ledger-tx';
import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium, type TestBrowser } from '../support/browser';
import { call, startGateway, tokenFor, useClientSigning, type TestGateway } from '../gateway/gateway-support';
import { randomCitizen } from '@govchain/testing';

// The gateway of this file holds no operator key: the only key that can sign for the new registrar is the browser's.
useClientSigning();

const sha256Hex = (der: Buffer) => createHash('sha256').update(der).digest('hex');

/** Every axe result of serious or critical impact on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

describe('console in Chromium: an operator enrols a key made in the page and signs a registration with it', () => {
  let ps: TestGateway;
  let browser: TestBrowser;
  let ledger: OperatorClient;
  const operatorId = `web${randomInt(1e6)}`;
  let ticketJson = '';
  const cspViolations: string[] = [];
  const axe: Record<string, string[]> = {};

  before(async () => {
    ps = await startGateway('PublicSecurity');
    ledger = connectAs('PublicSecurity', 'auditor1');
    const file = join(mkdtempSync(join(tmpdir(), 'ticket-')), 'ticket.json');
    await addOperator(['--org', 'PublicSecurity', '--operator', operatorId, '--role', 'registrar', '--secret-file', file], { log: () => undefined });
    ticketJson = readFileSync(file, 'utf8');
    browser = await launchChromium({ locale: 'en' });
  });
  after(async () => {
    await browser?.close();
    ledger?.close();
    await ps?.stop();
  });

  it('signs in without a certificate, enrols a non-extractable P-256 key kept in IndexedDB, registers a citizen signed in the page, and the ledger names that key', async () => {
    const page = await browser.context.newPage();
    await page.exposeBinding('reportCspViolation', (_src, v: string) => void cspViolations.push(v));
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.effectiveDirective + ': ' + (e.sample || e.blockedURI)));`);
    // Every request the page makes, to check what left the browser.
    const sent: Array<{ url: string; body: string }> = [];
    page.on('request', (r) => sent.push({ url: r.url(), body: r.postData() ?? '' }));

    // Sign in with a token for an operator the gateway has no certificate for: the console goes to enrolment.
    await page.goto(`${ps.url}/console/signin?lang=en`);
    await page.getByTestId('token-input').fill(tokenFor('PublicSecurity', operatorId, 'registrar'));
    await page.getByTestId('token-submit').click();
    await page.waitForURL((u) => u.pathname === '/console/operator/key');
    await page.getByTestId('key-none').waitFor();
    axe['key page, no key'] = await seriousViolations(page);

    // Enrol: the key is generated in the page; only the CSR and the one-time secret go to the gateway.
    await page.getByTestId('ticket-input').fill(ticketJson);
    await page.getByTestId('enrol-submit').click();
    const titleOf = async (testId: string, timeout = 10_000) => (await page.getByTestId(testId).locator('.mono').first().getAttribute('title', { timeout })) ?? '';
    const certSha = await titleOf('key-certificate', 60_000);
    assert.match(certSha, /^[0-9a-f]{64}$/);
    assert.equal(await page.getByTestId('key-extractable').innerText(), 'Not extractable (kept in IndexedDB, can only sign)');
    assert.equal(await page.getByTestId('key-algorithm').innerText(), 'ECDSA P-256');

    // The key as IndexedDB holds it: a CryptoKey the page itself cannot export.
    // (A string: this package compiles without the DOM library.)
    const stored = (await page.evaluate(`(async () => {
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open('govchain-operator-keys');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const value = await new Promise((res, rej) => {
        const r = db.transaction('keys').objectStore('keys').get('PublicSecurityMSP/${operatorId}');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const exported = await crypto.subtle.exportKey('pkcs8', value.privateKey).then(() => 'exported', (e) => e.name);
      return { isCryptoKey: value.privateKey instanceof CryptoKey, extractable: value.privateKey.extractable, curve: value.privateKey.algorithm.namedCurve, exported, certificatePem: value.certificatePem || '' };
    })()`)) as { isCryptoKey: boolean; extractable: boolean; curve: string; exported: string; certificatePem: string };
    assert.deepEqual({ ...stored, certificatePem: undefined }, { isCryptoKey: true, extractable: false, curve: 'P-256', exported: 'InvalidAccessError', certificatePem: undefined });
    axe['key page, enrolled'] = await seriousViolations(page);
    const browserCert = new X509Certificate(stored.certificatePem);
    assert.equal(sha256Hex(browserCert.raw), certSha, 'the page shows the fingerprint of the certificate it keeps');

    // The gateway side keeps the certificate only.
    const userDir = paths.user('PublicSecurity', operatorId);
    assert.deepEqual(new X509Certificate(readFileSync(join(userDir, 'msp', 'signcerts', 'cert.pem'))).raw, browserCert.raw);
    assert.equal(existsSync(join(userDir, 'msp', 'keystore')), false, 'no private key on the gateway side');
    const enrolment = sent.find((r) => r.url.endsWith('/api/v1/enrolments'));
    assert.ok(enrolment, 'the page enrolled through the gateway');
    assert.doesNotMatch(enrolment.body, /PRIVATE KEY/);
    assert.match(enrolment.body, /BEGIN CERTIFICATE REQUEST/);

    // A registration signed in the page.
    const person = randomCitizen();
    await page.goto(`${ps.url}/console/operator/register?lang=en`);
    await page.getByTestId('register-signer').waitFor();
    await page.getByTestId('person-idNumber').fill(person.idNumber);
    await page.getByTestId('person-name').fill(person.name);
    await page.getByTestId('person-birthDate').fill(person.birthDate);
    await page.getByTestId('person-address').fill(person.address);
    await page.getByTestId('register-submit').click();
    const txId = await titleOf('register-tx', 90_000);
    const subject = await titleOf('register-subject');
    assert.match(txId, /^[0-9a-f]{64}$/);
    assert.match(subject, /^[0-9a-f]{64}$/);
    // Four signatures (staging and registration, proposal and transaction each), every one by the browser's key,
    // and the page found that key named as creator on the ledger for both transactions.
    const signedBy = await Promise.all((await page.getByTestId('signed-by').locator('.mono').all()).map((l) => l.getAttribute('title')));
    assert.deepEqual(signedBy, [certSha, certSha, certSha, certSha]);
    await page.getByTestId('ledger-match').first().waitFor();
    assert.equal(await page.getByTestId('ledger-match').count(), 4);
    assert.equal(await page.getByTestId('ledger-mismatch').count(), 0);
    axe['register page, signed'] = await seriousViolations(page);
    const continuations = sent.filter((r) => r.url.includes('/api/v1/signing-sessions/'));
    assert.equal(continuations.length, 4, 'each signature went back from the page');

    // Found on the ledger, independently of the gateway and the page: creator = the browser's certificate, and
    // the envelope's signature verifies with the browser's public key.
    const env = await committedEnvelope(ledger, txId);
    assert.equal(env.validationCode, peer.TxValidationCode.VALID);
    assert.equal(env.creatorMspId, 'PublicSecurityMSP');
    assert.deepEqual(new X509Certificate(env.creatorCertificatePem).raw, browserCert.raw);
    assert.ok(verify('sha256', env.payload, { key: browserCert.publicKey, dsaEncoding: 'der' }, env.signature), 'signed by the key made in the page');
    const record = await call<{ subjectKey: string; status: string }>(ps, 'GET', `/api/v1/identities/${subject}`, { token: tokenFor('PublicSecurity', 'auditor1', 'auditor') });
    assert.equal(record.status, 200, record.text);
    assert.equal(record.body.subjectKey, subject);
    const info = await call<{ creator: { operatorId: string; certificateSha256: string } }>(ps, 'GET', `/api/v1/transactions/${txId}`, { token: tokenFor('PublicSecurity', 'auditor1', 'auditor') });
    assert.deepEqual({ operatorId: info.body.creator.operatorId, sha: info.body.creator.certificateSha256 }, { operatorId, sha: certSha });

    // The key page lists the action with the key that signed it.
    await page.goto(`${ps.url}/console/operator/key?lang=en`);
    await page.getByTestId('signed-actions').getByText('POST /api/v1/identities').waitFor();
    axe['key page, signed actions'] = await seriousViolations(page);
    assert.deepEqual(Object.entries(axe).filter(([, v]) => v.length > 0), [], 'no serious or critical axe violation on the signing pages');
    // The one refusal expected on any console page: Ant Design's table measuring the scrollbar (see console-csp.ts).
    assert.deepEqual(cspViolations.filter((v) => !/^style-src-elem: #rc-scrollbar-measure-/.test(v.trim())), [], 'the signing code runs under the console\'s strict CSP');
    await page.close();
  });
});
