import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { residentIdProblem } from '@govchain/chaincode';
import { connectAs, OperatorClient } from '../support/fabric';
import { lookup, registerCitizen, Staged } from '../support/identity';
import { eventually, peerHeights, topology } from '../support/network';
import { evaluateJson, submitJson } from '../support/tx';
import { type PersonalData, randomCitizen } from '@govchain/testing';

// Resident-ID-shaped runs not embedded in longer hex/digit runs (hashes are hex, so they rarely qualify).
const ID_LIKE = /(?<![0-9A-Fa-f])\d{17}[\dX](?![0-9A-Fa-f])/g;

describe('no personal data on the ledger', () => {
  let registrar: OperatorClient;
  const citizens: PersonalData[] = [randomCitizen(), randomCitizen()];
  before(() => (registrar = connectAs('PublicSecurity', 'registrar1')));
  after(() => registrar?.close());

  it('finds none of the test citizens\' names, ID numbers or addresses in any block, after every personal-data flow', async () => {
    const t = topology();
    const subjects: Staged[] = [];
    for (const c of citizens) subjects.push(await registerCitizen(registrar, c));
    const identity = registrar.contract('Identity');
    // Exercise every flow that carries personal data: verify, subject-key lookup, audited read, erasure.
    assert.deepEqual((await lookup(registrar, 'verify', { idNumber: citizens[0]!.idNumber, name: citizens[0]!.name })).answer, { match: true });
    await lookup(registrar, 'subject-key', { idNumber: citizens[1]!.idNumber });
    const gov = connectAs('GovServiceCenter', 'admin1');
    const dataset = `scan-${Date.now().toString(36)}`;
    try {
      await submitJson(gov.contract('Governance'), 'PutDataset', { reason: 'scan', legalAuthority: 'x', dataset, ownerMsp: registrar.org.mspId, fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'x' });
    } finally {
      gov.close();
    }
    const access = await eventually('the dataset on the registrar\'s peer', () =>
      submitJson<{ accessId: string }>(registrar.contract('Audit'), 'RequestAccess', { subjectKey: subjects[0]!.subjectKey, dataset, fields: ['name', 'address'], purpose: 'scan-check', legalBasis: 'x', caseId: 'SCAN-1' }));
    const read = await evaluateJson<{ fields: Record<string, string> }>(identity, 'ReadPersonalData', [access.accessId], { endorsingOrganizations: [registrar.org.mspId] });
    assert.equal(read.fields.name, citizens[0]!.name, 'the flow really carried the data');
    await submitJson(identity, 'Erase', { reason: 'scan', legalAuthority: 'PIPL art. 47', subjectKey: subjects[1]!.subjectKey });

    const heights = await peerHeights();
    const height = Math.min(...Object.values(heights));
    const qscc = registrar.gateway.getNetwork(t.channel).getContract('qscc');
    const needles = citizens.flatMap((c) => [c.name, c.idNumber, c.address]);
    const found: string[] = [];
    let bytes = 0;
    for (let n = 0; n < height; n++) {
      const block = Buffer.from(await qscc.evaluateTransaction('GetBlockByNumber', t.channel, String(n)));
      bytes += block.length;
      const text = block.toString('latin1');
      const utf8 = block.toString('utf8');
      for (const needle of needles) if (utf8.includes(needle) || text.includes(needle)) found.push(`block ${n}: ${needle.slice(0, 6)}…`);
      for (const m of text.matchAll(ID_LIKE)) if (!residentIdProblem(m[0])) found.push(`block ${n}: a valid resident ID number ${m[0].slice(0, 6)}…`);
    }
    assert.ok(height > 5 && bytes > 10_000, `scanned ${height} blocks, ${bytes} bytes`);
    assert.deepEqual(found, []);
  });
});
