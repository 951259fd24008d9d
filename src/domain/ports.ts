import type { PhoneNumber } from './phone';

/**
 * The time left before Cognito stops waiting for the trigger. An adapter that calls out asks for
 * `signal()` and hands it to its client; the signal is made on first use, so a round that calls
 * nobody pays for no timer.
 */
export interface Deadline {
  signal(): AbortSignal;
}

/**
 * Who a code is for (the user and the E.164 number it goes to) and when it was issued. A provider that
 * returns a proof binds it to all three, so a code proves only the number it was sent to.
 */
export interface CodeRequest {
  readonly userId: string;
  readonly phone: PhoneNumber;
  readonly issuedAt: number;
}

export interface CodeCheck extends CodeRequest {
  readonly code: string;
  /** What `sendCode` returned for this code ('' when the provider keeps the code). */
  readonly proof: string;
}

/**
 * Sends one-time codes and checks them. Implementations throw a `ProviderError`
 * subclass when the service fails; a wrong code is `false`, not an error.
 */
export interface OtpProvider {
  /** Returns the proof needed to check the code later, or '' when the provider keeps that state itself. */
  sendCode(request: CodeRequest, deadline: Deadline): Promise<string>;
  checkCode(check: CodeCheck, deadline: Deadline): Promise<boolean>;
}

/** A user of the pool, as the directory knows them. */
export interface UserRef {
  readonly poolId: string;
  readonly userName: string;
  readonly region: string;
}

/** An app client of the pool, as a trigger event names it. */
export interface AppClientRef {
  readonly poolId: string;
  readonly clientId: string;
  readonly region: string;
}

/** The user pool's records. Implementations throw a `DirectoryError` when a call fails. */
export interface UserDirectory {
  markPhoneVerified(user: UserRef, deadline: Deadline): Promise<void>;
  /** True when the app client signs users in by a one-time code only (no password flow), the clients this function serves. */
  signsInByCodeOnly(client: AppClientRef, deadline: Deadline): Promise<boolean>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Callers pass only masked phone numbers and never codes, answers or keys. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
