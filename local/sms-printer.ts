import { unwatchFile, watchFile } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CognitoSms } from './pool/attribute-updates';
import type { PublishedSms } from './sns-stub';

const POLL_MS = 250;

/**
 * The whole number, spaced as it is dialled (`+82 10 5550 1234`): this is the developer's own terminal, and two test
 * numbers ending alike must look different. Logs still mask numbers; the outbox file is the full record.
 */
export function showPhone(phone: unknown): string {
  const parsed = typeof phone === 'string' ? parsePhoneNumberFromString(phone) : undefined;
  return parsed?.isValid() ? parsed.formatInternational() : 'an invalid number';
}

/** One outbox line as the terminal shows it. */
export function formatSms(line: string): string {
  let sms: { phone?: unknown; code?: unknown };
  try {
    sms = JSON.parse(line) as typeof sms;
  } catch {
    return `[local fake SMS] unreadable outbox line: ${line.slice(0, 80)}\n`;
  }
  return [
    '',
    '  ┌─ local fake SMS ── not sent to any phone ─────',
    `  │  fake sent code ${String(sms.code)} to ${showPhone(sms.phone)}`,
    '  └───────────────────────────────────────────────',
    '',
  ].join('\n');
}

/** An SMS the fallback published to the playground's local SNS (src/adapters/providers/sns.ts through local/sns-stub.ts). */
export function formatFallbackSms(sms: PublishedSms): string {
  const code = /\d{4,10}/.exec(sms.message)?.[0] ?? 'none found';
  return [
    '',
    '  ┌─ local SNS, the fallback ── not sent to any phone ─',
    `  │  sns (fallback) sent code ${code} to ${showPhone(sms.phone)}`,
    `  │  text: ${sms.message.replace(/\s+/g, ' ').slice(0, 160)}`,
    '  └───────────────────────────────────────────────────',
    '',
  ].join('\n');
}

/**
 * An SMS the local pool sends as Cognito itself would, whatever the provider: the code that proves a changed phone
 * number (keepOriginal). On AWS it is Cognito's own message, sent through Amazon SNS, not through this project.
 */
export function formatCognitoSms(sms: CognitoSms): string {
  return [
    '',
    "  ┌─ Cognito's own verification SMS ── on AWS through Amazon SNS; here not sent ─",
    `  │  to ${showPhone(sms.phone)}   code ${sms.code}   (VerifyUserAttribute ${sms.attribute})`,
    '  └──────────────────────────────────────────────────────────────────────────────',
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

/**
 * What the terminal says when a sign-in continued with a code already sent instead of sending one (contract B:
 * CreateAuthChallenge answers `delivery` = `reused`, or `refused` with its rule), so the developer does not wait
 * for a box that will not come. Undefined for any other trigger or outcome, and for a backend that does not say.
 */
export function formatDeliveryNotice(event: unknown, result: unknown): string | undefined {
  const e = event as { triggerSource?: unknown; request?: { userAttributes?: Record<string, unknown> } } | undefined;
  if (e?.triggerSource !== 'CreateAuthChallenge_Authentication') return undefined;
  const parameters = (result as { response?: { publicChallengeParameters?: Record<string, unknown> } } | undefined)?.response?.publicChallengeParameters;
  const to = showPhone(e.request?.userAttributes?.phone_number);
  const wait = typeof parameters?.resendInSeconds === 'string' ? `; a new code can be sent in ${parameters.resendInSeconds} s` : '';
  if (parameters?.delivery === 'reused') return `\n  [local playground] no SMS to ${to}: the sign-in reuses the code already sent${wait}\n\n`;
  if (parameters?.delivery === 'refused') return `\n  [local playground] no SMS to ${to}: the send was refused (${String(parameters.refusal)})${wait}\n\n`;
  return undefined;
}
