import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { describePolicy } from '../core';
import { usccFromSeed } from '@govchain/testing';
import { MemoryStub, TestChannel, rejectsWithKey } from '../../testing';
import { MSP, because, bootstrappedChannel, hex, operator } from '../../testing/family-fixtures';
import { CopyrightContract } from './copyright-contract';
import { PERSON_INDEX } from './person-index';

const copyright = new CopyrightContract();
const registrar = operator(MSP.co, 'registrar');
const [AUTHOR, COAUTHOR, BUYER, STRANGER] = [hex('a'), hex('b'), hex('c'), hex('d')];
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

type Listed = { records: Array<{ deposit: { depositId: string; title: string }; relations: string[] }>; bookmark: string };

describe('Copyright: works of a person', () => {
  let channel: TestChannel;
  let seq = 0;
  const deposit = (title: string, extra: Record<string, unknown> = {}) => channel.submitJson<{ depositId: string }>(copyright, 'Deposit', [`d-${++seq}`, JSON.stringify({
    contentHash: sha(title), title, authors: [AUTHOR, COAUTHOR], workType: 'literary', ...because, ...extra,
  })], { as: registrar });
  const list = (subject: string, pageSize = 10, bookmark = '') => channel.evaluateJson<Listed>(copyright, 'ListByPerson', [subject, String(pageSize), bookmark], { as: operator(MSP.ps, 'auditor') });

  beforeEach(async () => {
    channel = await bootstrappedChannel();
  });

  it('lists the works a person authored, holds or held, saying which', async () => {
    const poems = await deposit('Poems');
    await deposit('Company manual', { holders: [{ kind: 'organisation', code: usccFromSeed(7) }] });
    await channel.submit(copyright, 'RecordTransfer', [`t-${++seq}`, JSON.stringify({
      depositId: poems.depositId, toHolders: [{ kind: 'person', subjectKey: BUYER }], contractHash: hex('1'), effectiveDate: '2025-01-01', ...because,
    })], { as: registrar });
    const authored = await list(AUTHOR);
    assert.deepEqual(authored.records.map((r) => [r.deposit.title, r.relations]).sort(), [['Company manual', ['author']], ['Poems', ['author']]]);
    assert.deepEqual((await list(BUYER)).records.map((r) => [r.deposit.title, r.relations]), [['Poems', ['holder']]]);
    assert.equal((await list(STRANGER)).records.length, 0);
    const first = await list(AUTHOR, 1);
    assert.equal(first.records.length, 1);
    assert.notEqual(first.bookmark, '');
    assert.equal((await list(AUTHOR, 1, first.bookmark)).records.length, 1);
  });

  it('protects every person-index key with the family policy (registrar AND one other department)', async () => {
    const poems = await deposit('Sonnets');
    const stub = new MemoryStub(channel.ledger, { txId: 'keys', millis: 0, clientMsp: MSP.co });
    const key = stub.createCompositeKey(PERSON_INDEX, [AUTHOR, poems.depositId]);
    const policy = channel.ledger.validationParameters.get(key);
    assert.ok(policy, 'the index key carries a key-level policy');
    assert.match(describePolicy(policy), /CopyrightOfficeMSP/);
  });

  it('refuses malformed subject keys and page sizes', async () => {
    await rejectsWithKey(list('not-a-subject'), 'INVALID_ARGUMENT');
    await rejectsWithKey(list(AUTHOR, 0), 'INVALID_ARGUMENT');
  });
});
