import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parcelNumberSchema, personalDataSchema, residentIdProblem, usccProblem, usccSchema } from '@govchain/chaincode';
import { citizen, randomCitizen, randomParcel, randomUscc, residentId, runSeed, seededCitizen, usccFromSeed } from './fixtures';

test('every generated citizen is valid input of Identity:StagePersonalData', () => {
  const seed = runSeed();
  const people = [citizen(), citizen('901', 'Other'), ...Array.from({ length: 200 }, () => randomCitizen()), ...Array.from({ length: 200 }, (_, i) => seededCitizen(seed, i))];
  for (const p of people) assert.ok(personalDataSchema.safeParse(p).success, JSON.stringify(p));
  assert.equal(new Set(Array.from({ length: 1000 }, (_, i) => seededCitizen(seed, i).idNumber)).size, 1000, 'seeded ids are distinct');
  assert.equal(residentIdProblem(residentId('19900307', '123')), undefined);
  assert.deepEqual(citizen(), citizen(), 'fixed citizens are fixed');
});

test('generated codes and parcels pass the chaincode schemas, and seeds give distinct codes', () => {
  for (let i = 0; i < 200; i++) {
    assert.equal(usccProblem(randomUscc()), undefined);
    assert.ok(usccSchema.safeParse(usccFromSeed(i)).success);
    assert.ok(parcelNumberSchema.safeParse(randomParcel()).success);
  }
  assert.equal(new Set(Array.from({ length: 500 }, (_, i) => usccFromSeed(i))).size, 500);
  assert.throws(() => usccFromSeed(-1), RangeError);
});
