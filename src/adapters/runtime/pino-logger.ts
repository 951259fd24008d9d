import pino, { type DestinationStream, type LevelWithSilent } from 'pino';
import type { LogFields, Logger } from '../../domain/ports';

// Second lines of defence: callers already pass only masked numbers, but a field with
// one of these names is censored, and anything shaped like a full E.164 number is masked.
// Fields are flat, so this is done here rather than by pino's `redact`, which compiles its paths at
// every cold start and copies each line it censors.
const REDACTED = new Set(['phone', 'phoneNumber', 'phone_number', 'code', 'answer', 'apiKey', 'secret', 'authorization']);
const FULL_PHONE = /\+\d{7,15}/g;

function scrub(fields: LogFields | undefined): object {
  if (!fields) return {};
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && REDACTED.has(key)) clean[key] = '[redacted]';
    else clean[key] = typeof value === 'string' ? value.replace(FULL_PHONE, '+[number]') : value;
  }
  return clean;
}

/**
 * JSON lines through pino. Writes synchronously to stdout by default: no worker
 * thread at cold start, and nothing lost when Lambda freezes the process.
 */
export function createPinoLogger(level: LevelWithSilent, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  const log = pino({ level, base: undefined }, destination);
  return {
    info: (message, fields) => log.info(scrub(fields), message),
    warn: (message, fields) => log.warn(scrub(fields), message),
    error: (message, fields) => log.error(scrub(fields), message),
  };
}
