import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The repository root, found by walking up from here to the folder with `tsconfig.base.json`: tests run from
 * gateway/dist-test, so a fixed number of `..` would break whenever the build layout moves.
 */
export const REPO_ROOT: string = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'tsconfig.base.json'))) return dir;
  }
  throw new Error(`no repository root (tsconfig.base.json) above ${__dirname}`);
})();
