import { spawn } from 'node:child_process';
import { NetworkError } from './errors';

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs a command to completion, with a time limit; rejects with NetworkError COMMAND_FAILED carrying its output. */
export function exec(cmd: string, args: string[], opts: ExecOptions = {}): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new NetworkError('COMMAND_FAILED', `cannot run ${cmd}: ${e.message}`, 'check that the Fabric toolchain is installed: npm run toolchain'));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolvePromise(out + err);
      const why = signal ? `killed by ${signal} after ${timeoutMs} ms` : `exit code ${code}`;
      const tail = (err || out).trim().split('\n').slice(-15).join('\n');
      reject(new NetworkError('COMMAND_FAILED', `${cmd} ${args.slice(0, 4).join(' ')} failed (${why}):\n${tail}`));
    });
  });
}
