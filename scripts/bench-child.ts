import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('../bench/', import.meta.url));

/** Runs `node child args…` with stdout (the handler's log) sent to /dev/null; resolves with what it wrote to fd 3. */
export function runChild(child: string, args: string[], env: Record<string, string>): Promise<{ report: string; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const proc = spawn(process.execPath, [join(BENCH, child), ...args], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let report = '';
    let errors = '';
    proc.stdio[3]?.on('data', (chunk: Buffer) => (report += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code === 0 && report) resolve({ report, wallMs });
      else reject(new Error(`${child} ${args[0]} exited with ${code}: ${errors.slice(-1500)}`));
    });
  });
}
