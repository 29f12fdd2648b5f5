/** Reads resident ID numbers from an uploaded text or CSV file: one per line, or the first column. */
export function parseIdNumbers(text: string): { ids: string[]; bad: number } {
  const ids: string[] = [];
  let bad = 0;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const cell = (line.split(/[,;\t]/)[0] ?? '').trim().replace(/^"|"$/g, '').toUpperCase();
    if (!cell) continue;
    if (/^\d{17}[\dX]$/.test(cell)) ids.push(cell);
    else if (!/^(id|idnumber|身份证号|身份证号码)$/i.test(cell)) bad++;
  }
  return { ids: [...new Set(ids)], bad };
}

/** Subject keys pasted one per line (blank lines ignored, duplicates dropped). */
export function parseSubjectKeys(text: string): { keys: string[]; bad: number } {
  const keys: string[] = [];
  let bad = 0;
  for (const raw of text.split(/[\s,;]+/)) {
    const k = raw.trim().toLowerCase();
    if (!k) continue;
    if (/^[0-9a-f]{64}$/.test(k)) keys.push(k);
    else bad++;
  }
  return { keys: [...new Set(keys)], bad };
}
