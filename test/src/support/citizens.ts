import { randomInt } from 'node:crypto';
import { residentIdCheckChar } from '@govchain/chaincode';

/** Personal data of a synthetic citizen; generated per run so tests never collide on the ledger. */
export interface Citizen {
  idNumber: string;
  name: string;
  birthDate: string;
  address: string;
}

const SURNAMES = ['Zhao', 'Qian', 'Sun', 'Li', 'Zhou', 'Wu', 'Zheng', 'Wang'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Tao', 'Hui'];

/** A citizen with a valid GB 11643-1999 resident ID (check digit computed) and a unique, searchable name. */
export function makeCitizen(): Citizen {
  const year = 1950 + randomInt(55);
  const month = 1 + randomInt(12);
  const day = 1 + randomInt(28);
  const date = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const first17 = `110105${date}${String(randomInt(1000)).padStart(3, '0')}`;
  const tag = randomInt(1e9).toString(36);
  return {
    idNumber: first17 + residentIdCheckChar(first17),
    name: `${SURNAMES[randomInt(SURNAMES.length)]} ${GIVEN[randomInt(GIVEN.length)]} E2E${tag}`,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    address: `${1 + randomInt(300)} Chang'an Avenue, Dongcheng, Beijing, room E2E${tag}`,
  };
}
