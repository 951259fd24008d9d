import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sms {
  readonly phone: string;
  readonly code: string;
  readonly at: string;
}

export async function newOutbox(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'cognito-sms-otp-')), 'outbox.jsonl');
}

export async function readOutbox(path: string): Promise<Sms[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sms);
}

export async function lastCode(path: string): Promise<string> {
  const sms = (await readOutbox(path)).at(-1);
  if (!sms) throw new Error(`no SMS in ${path}`);
  return sms.code;
}

/** A wrong code of the right shape. */
export const wrongCode = (code: string): string => (code === '000000' ? '111111' : '000000');
