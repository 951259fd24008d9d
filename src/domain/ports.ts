import type { Channel } from './metrics';
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
 * A provider that delivers codes made here (sns, fake, solapi): the function makes the code and keeps only its
 * HMAC proof in the ledger. Throws a `ProviderError` subclass when the service fails.
 */
export interface CodeMadeHere {
  readonly kind: 'made-here';
  /** How the code goes out. @default 'sms' */
  readonly channel?: Channel;
  deliver(phone: PhoneNumber, code: string, deadline: Deadline): Promise<void>;
}

/** What a provider that keeps its codes says of an answer: right, wrong, or its verification is gone (expired, used, too many checks). */
export type ProviderCheck = 'approved' | 'wrong' | 'dead';

/**
 * A provider that makes, sends and keeps its own codes (easyauth, twilio). The ledger still counts every answer
 * and spends a send that signed someone in. Throws a `ProviderError` subclass when the service fails.
 */
export interface CodeKeptByProvider {
  readonly kind: 'kept-by-provider';
  startVerification(phone: PhoneNumber, deadline: Deadline): Promise<void>;
  checkCode(phone: PhoneNumber, code: string, deadline: Deadline): Promise<ProviderCheck>;
}

export type OtpProvider = CodeMadeHere | CodeKeptByProvider;

/** A number that stands in for an unknown user's phone: the ledger's key for it, and what the client is shown. */
export interface StandIn {
  /** Never a real number (an unassigned country code), so the stand-in's ledger record never touches a real phone's. */
  readonly ledgerPhone: PhoneNumber;
  /** A plausible masked number, the same for the same user name. */
  readonly maskedPhone: string;
}

/** Makes codes and their keyed proofs; an adapter, because it needs a secret and a strong random source. */
export interface CodeForge {
  /** Uniform over all 10^length codes, leading zeros kept. */
  newCode(length: number): string;
  newCodeId(): string;
  /** The code's keyed proof, bound to the E.164 number it goes to and to the code's id. */
  proof(phone: PhoneNumber, codeId: string, code: string): string;
  /** A random proof no answer can match: what the ledger stores for an unknown user. */
  decoyProof(): string;
  standIn(userName: string): StandIn;
}

/** Monotonic time and waiting, for making an unknown user's rounds take as long as a known user's. */
export interface Timing {
  /** Milliseconds on a monotonic clock. */
  elapsed(): number;
  /** Waits `ms`, or less when the deadline passes first. */
  sleep(ms: number, deadline: Deadline): Promise<void>;
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
