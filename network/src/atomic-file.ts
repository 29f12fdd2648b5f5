import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file whole or not at all: into a temporary file beside it (named with this process's pid, so two writers
 * never share one), then renamed over the target. A reader polling for the file (another host's exchange, a status
 * command reading the state) or a crash mid-write never sees half of it. Creates the parent directory.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, data, mode === undefined ? undefined : { mode });
  renameSync(part, file);
}
