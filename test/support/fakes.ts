import { DirectoryError, ProviderUnreachableError } from '../../src/domain/errors';
import type { ChallengeState, Round } from '../../src/domain/session';
import type { PhoneNumber } from '../../src/domain/phone';
import type {
  AppClientRef,
  Clock,
  CodeKeptByProvider,
  CodeMadeHere,
  Deadline,
  LogFields,
  Logger,
  ProviderCheck,
  Timing,
  UserDirectory,
  UserRef,
} from '../../src/domain/ports';

export class FakeClock implements Clock {
  constructor(private time = Date.parse('2026-11-24T10:00:00Z')) {}
  now(): number {
    return this.time;
  }
  advance(seconds: number): void {
    this.time += seconds * 1000;
  }
}

/** Delivers codes made here into a list; `delayMs` imitates a provider's latency. */
export class RecordingDelivery implements CodeMadeHere {
  readonly kind = 'made-here';
  readonly sent: { phone: PhoneNumber; code: string }[] = [];
  failing = false;

  constructor(private readonly delayMs = 0) {}

  async deliver(phone: PhoneNumber, code: string): Promise<void> {
    if (this.failing) throw new ProviderUnreachableError('fake provider is down');
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.sent.push({ phone, code });
  }

  lastCode(): string {
    const last = this.sent.at(-1);
    if (!last) throw new Error('no code was sent');
    return last.code;
  }
}

/** A provider that keeps its codes, in memory: each verification gets the next code; a right answer uses it up. */
export class KeepingProvider implements CodeKeptByProvider {
  readonly kind = 'kept-by-provider';
  readonly started: PhoneNumber[] = [];
  readonly checked: { phone: PhoneNumber; code: string }[] = [];
  readonly codes = new Map<string, string>();
  failing = false;
  private next = 100000;

  async startVerification(phone: PhoneNumber): Promise<void> {
    if (this.failing) throw new ProviderUnreachableError('fake provider is down');
    this.started.push(phone);
    this.codes.set(phone, String(this.next++));
  }

  async checkCode(phone: PhoneNumber, code: string): Promise<ProviderCheck> {
    if (this.failing) throw new ProviderUnreachableError('fake provider is down');
    this.checked.push({ phone, code });
    const kept = this.codes.get(phone);
    if (kept === undefined) return 'dead';
    if (kept !== code) return 'wrong';
    this.codes.delete(phone);
    return 'approved';
  }
}

/** Timing that never waits, and counts what it was asked to wait. */
export class FakeTiming implements Timing {
  slept = 0;
  elapsed(): number {
    return performance.now();
  }
  async sleep(ms: number, _deadline: Deadline): Promise<void> {
    this.slept += ms;
  }
}

export class RecordingDirectory implements UserDirectory {
  readonly marked: UserRef[] = [];
  failing = false;

  /** Client ids of clients that also allow passwords; any other client signs in by code only. */
  readonly passwordClients = new Set<string>();
  readonly clientLookups: AppClientRef[] = [];
  lookupFailing = false;

  async markPhoneVerified(user: UserRef): Promise<void> {
    if (this.failing) throw new DirectoryError('AdminUpdateUserAttributes failed: InternalErrorException', 500);
    this.marked.push(user);
  }

  async signsInByCodeOnly(client: AppClientRef): Promise<boolean> {
    this.clientLookups.push(client);
    if (this.lookupFailing) throw new DirectoryError('DescribeUserPoolClient failed: timeout');
    return !this.passwordClients.has(client.clientId);
  }
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }
}

/** A deadline that never passes. */
export const noDeadline = (): Deadline => ({ signal: () => new AbortController().signal });

/** A deadline that passes `ms` from now. */
export const deadlineIn = (ms: number): Deadline => {
  const signal = AbortSignal.timeout(ms);
  return { signal: () => signal };
};

/** One earlier round as the domain sees it: our challenge, its result, and the state Create made. */
export function otpRound(result: boolean, state?: ChallengeState): Round {
  return { challenge: 'otp', result, ...(state && { state }) };
}
