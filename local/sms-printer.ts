import { unwatchFile, watchFile } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { maskPhone, parsePhone } from '../src/domain/phone';

const POLL_MS = 250;

/** One outbox line as the terminal shows it; the number is masked, as everywhere this project prints one. */
export function formatSms(line: string): string {
  let sms: { phone?: unknown; code?: unknown };
  try {
    sms = JSON.parse(line) as typeof sms;
  } catch {
    return `[local fake SMS] unreadable outbox line: ${line.slice(0, 80)}\n`;
  }
  const to = parsePhone(sms.phone);
  return [
    '',
    '  ┌─ local fake SMS ── not sent to any phone ─────',
    `  │  to ${to ? maskPhone(to) : 'an invalid number'}   code ${String(sms.code)}`,
    '  └───────────────────────────────────────────────',
    '',
  ].join('\n');
}

/**
 * Prints every SMS the fake provider appends to its outbox file from now on, so codes
 * show in the terminal whichever outbox file is used. Returns a function that stops it.
 */
export async function followOutbox(path: string, print: (text: string) => void): Promise<() => void> {
  let offset = (await stat(path).catch(() => undefined))?.size ?? 0; // Only codes sent from now on.
  let partial = '';
  let reading = Promise.resolve();

  const readNew = async (size: number): Promise<void> => {
    if (size < offset) offset = 0; // Truncated or replaced.
    if (size === offset) return;
    const file = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(size - offset), 0, size - offset, offset);
      offset += bytesRead;
      const lines = (partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) print(formatSms(line));
    } finally {
      await file.close();
    }
  };

  watchFile(path, { interval: POLL_MS }, (current) => {
    reading = reading.then(() => readNew(current.size)).catch((error: unknown) => print(`[local fake SMS] cannot read ${path}: ${String(error)}\n`));
  });
  return () => unwatchFile(path);
}
