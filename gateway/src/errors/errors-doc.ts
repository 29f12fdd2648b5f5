import { writeFileSync } from 'node:fs';
import { ERROR_KEYS, ERRORS, type ErrorSpec } from '@govchain/chaincode';

/** Escapes a table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * docs/errors.md, generated from the API's error table (chaincode/src/api/errors.ts): every key an error
 * response may carry, its HTTP status and what it means. Sorted by status, then key, so the file diffs well.
 */
export function renderErrorsDoc(): string {
  const rows = ERROR_KEYS.map((key) => [key, ERRORS[key] as ErrorSpec] as const).sort(([a, x], [b, y]) => x.status - y.status || a.localeCompare(b));
  return [
    '# Error keys',
    '',
    '<!-- Generated from chaincode/src/api/errors.ts by `npm run docs:errors`; do not edit (a unit test checks it is current). -->',
    '',
    'Every error response is `{"error":{"code","key","message","txId","details"}}`. Clients map the `key`, never the',
    'message. The set of keys is closed: the gateway answers and the chaincode throws only the keys below (a unit test',
    'fails on any other). "chaincode" marks keys the chaincode throws (the gateway answers some of them itself when it',
    'checks first); "gateway" keys come from the gateway only. A chaincode key always answers the status given here.',
    '',
    '| Key | HTTP | From | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map(([key, spec]) => `| \`${key}\` | ${[spec.status, ...(spec.also ?? [])].join(', ')} | ${spec.chaincode ? 'chaincode' : 'gateway'} | ${cell(spec.meaning)} |`),
    '',
  ].join('\n');
}

// `node gateway/dist/errors/errors-doc.js <file>` writes the document (npm run docs:errors).
if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('usage: errors-doc <output file>, e.g. docs/errors.md\n');
    process.exit(2);
  }
  writeFileSync(target, renderErrorsDoc());
  process.stdout.write(`wrote ${target} (${ERROR_KEYS.length} keys)\n`);
}
