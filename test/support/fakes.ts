import { DirectoryError, ProviderUnreachableError } from '../../src/domain/errors';
import type { ChallengeState, Round } from '../../src/domain/session';
import type { AppClientRef, Clock, CodeCheck, CodeRequest, Deadline, LogFields, Logger, OtpProvider, UserDirectory, UserRef } from '../../src/domain/ports';

export class FakeClock implements Clock {
  constructor(private time = Date.parse('2026-11-24T10:00:00Z')) {}
  now(): number {
    return this.time;
  }
  advance(seconds: number): void {
    this.time += seconds * 1000;
  }
}

/** Remembers every send and check; the right code is always `code`. */
export class RecordingProvider implements OtpProvider {
  readonly sent: CodeRequest[] = [];
  readonly checked: CodeCheck[] = [];
  failing = false;

  constructor(readonly code = '123456') {}

  async sendCode(request: CodeRequest): Promise<string> {
    if (this.failing) throw new ProviderUnreachableError('fake provider is down');
    this.sent.push(request);
    return `proof${this.sent.length}`;
  }

  async checkCode(check: CodeCheck): Promise<boolean> {
    if (this.failing) throw new ProviderUnreachableError('fake provider is down');
    this.checked.push(check);
    return check.code === this.code;
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
