#!/usr/bin/env node
// Chaincode-server CPU per transaction (issue 3): utime+stime of the chaincode server process, from /proc,
// around N sequential identity registrations (stage + register, each endorsed twice) and N single-record reads.
// Usage: node bench/chaincode-cpu.mjs [N]   (network must be up: npm run network:up)
import { readFileSync } from 'node:fs';
import { readState } from '@govchain/network';
import { connectAs, registerCitizen } from '@govchain/test';
import { randomCitizen } from '@govchain/testing';

const n = Number(process.argv[2] ?? 50);
if (!Number.isInteger(n) || n < 1 || n > 5000) {
  console.error('INVALID_ARGUMENT: N must be an integer between 1 and 5000');
  process.exit(2);
}
const cc = readState()?.processes.find((p) => p.kind === 'chaincode');
if (!cc) {
  console.error('NETWORK_NOT_UP: no chaincode server recorded; run npm run network:up');
  process.exit(1);
}
const cpu = () => {
  const f = readFileSync(`/proc/${cc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const registrar = connectAs('PublicSecurity', 'registrar1');
try {
  const subjects = [];
  const c0 = cpu();
  for (let i = 0; i < n; i++) subjects.push(await registerCitizen(registrar, randomCitizen()));
  const c1 = cpu();
  const identity = registrar.contract('Identity');
  for (let i = 0; i < n; i++) await identity.evaluateTransaction('Get', subjects[i % subjects.length].subjectKey);
  const c2 = cpu();
  const reg = ((c1 - c0) / n) * 1000;
  const read = ((c2 - c1) / n) * 1000;
  console.log(JSON.stringify({
    n,
    registrationMsCpu: Number(reg.toFixed(2)),
    readMsCpu: Number(read.toFixed(2)),
    note: 'registration = StagePersonalData (1 endorser) + Register (2 endorsers): 3 chaincode invocations; read = Identity:Get on 1 peer; /proc tick resolution is 10 ms, so use N >= 50',
  }));
} finally {
  registrar.close();
}
