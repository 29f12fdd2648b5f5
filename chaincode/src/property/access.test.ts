import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePolicy, encodePolicy } from '../core';
import { titlePolicy } from './access';

const show = (registrar: string, members: string[], lenders: string[]) => describePolicy(encodePolicy(titlePolicy(registrar, members, lenders)));

describe('title key-level policy', () => {
  it('is the registrar plus one other department without lenders', () => {
    assert.equal(show('NR', ['NR', 'PS', 'GOV'], []), "OutOf(2, 'NR.peer', OutOf(1, 'GOV.peer', 'PS.peer'))");
  });

  it('adds each lender org and keeps lenders out of the one-other pool', () => {
    assert.equal(show('NR', ['NR', 'PS', 'BANK', 'BANK2'], ['BANK2', 'BANK', 'BANK']),
      "OutOf(4, 'NR.peer', OutOf(1, 'PS.peer'), 'BANK.peer', 'BANK2.peer')");
  });

  it('never lists the registrar as its own lender', () => {
    assert.equal(show('NR', ['NR', 'PS'], ['NR']), "OutOf(2, 'NR.peer', OutOf(1, 'PS.peer'))");
  });

  it('needs registrar and lender when no third department exists', () => {
    assert.equal(show('NR', ['NR', 'BANK'], ['BANK']), "OutOf(2, 'NR.peer', 'BANK.peer')");
  });
});
