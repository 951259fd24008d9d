/// <reference lib="dom" />
/**
 * The whole passwordless sign-in as React state: the number, the code, resend with its countdown, the code's
 * validity counting down, attempts, refusals and an expired session. Unstyled: SmsSignIn renders it, or a page
 * renders its own. It calls the client helpers (cognito-sms-otp/client) and says everything in `lang`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Challenge } from '../client/challenge';
import { describeError } from '../client/explain-error';
import { type CountryCode, DEFAULT_COUNTRY, normalizePhone } from '../client/phone';
import { answerChallenge, resendCode, type SignInStep, startSignIn } from '../client/sign-in';
import { type Lang, WORDS, type Words } from '../client/words';
import { codeFromTyped } from './code-input';

/** The three calls a sign-in makes; the Amplify helpers unless a test or an app brings its own. */
export interface SignInCalls {
  startSignIn(phoneE164: string): Promise<SignInStep>;
  answerChallenge(code: string): Promise<SignInStep>;
  resendCode(): Promise<SignInStep>;
}

const AMPLIFY: SignInCalls = { startSignIn, answerChallenge: (code) => answerChallenge(code), resendCode };

export interface SignedInPhone {
  /** As the user typed it, e.g. `010-1234-5678`. */
  readonly typed: string;
  readonly e164: string;
}

export interface UseSmsSignInOptions {
  readonly lang?: Lang;
  readonly calls?: SignInCalls;
  readonly onSignedIn?: (phone: SignedInPhone) => void;
}

/** Something to tell: `info` news, or an `error`; `field` ties it to the number or the code field. */
export interface Notice {
  readonly tone: 'info' | 'error';
  readonly field?: 'phone' | 'code';
  readonly text: string;
}

export interface SmsSignInState {
  readonly step: 'phone' | 'code' | 'signed-in';
  readonly busy: boolean;
  readonly words: Words;
  /** The number as the user typed it. */
  readonly phone: SignedInPhone | undefined;
  readonly codeLength: number | undefined;
  /** A code is on its way or arrived, and still works: the code field is for it. */
  readonly codeLive: boolean;
  /** The code's validity, counting down; undefined when no code was sent or the backend does not say. */
  readonly expiresInSeconds: number | undefined;
  /** Seconds until a new code may be asked for, counting down; undefined when the backend offers no resend. */
  readonly resendInSeconds: number | undefined;
  readonly attemptsLeft: number | undefined;
  /** News or a problem, in `lang`. */
  readonly notice: Notice | undefined;
  /** Counts wrong answers, so a component can select the code it keeps in the field. */
  readonly wrongAnswers: number;
  /** Counts the codes asked for (the first and each resend), so a component can empty the field for a new one. */
  readonly codeRound: number;
  submitPhone(typed: string, country?: CountryCode): Promise<void>;
  submitCode(typed: string): Promise<void>;
  resend(): Promise<void>;
  /** Back to the number, e.g. to use another one. */
  restart(): void;
}

type Say = (w: Words) => string;
interface Told {
  readonly tone: Notice['tone'];
  readonly field?: Notice['field'];
  readonly say: Say;
}

interface Round {
  readonly challenge: Challenge;
  /** Epoch ms; undefined when the backend does not say. */
  readonly expiresAt: number | undefined;
  readonly resendAt: number | undefined;
}

const TICK_MS = 250;
const secondsUntil = (at: number | undefined, now: number) => (at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000)));

export function useSmsSignIn(options: UseSmsSignInOptions = {}): SmsSignInState {
  const lang = options.lang ?? 'en';
  const calls = options.calls ?? AMPLIFY;
  const [step, setStep] = useState<SmsSignInState['step']>('phone');
  const [phone, setPhone] = useState<SignedInPhone>();
  const [round, setRound] = useState<Round>();
  const [told, setTold] = useState<Told>();
  const [busy, setBusy] = useState(false);
  const [wrongAnswers, setWrongAnswers] = useState(0);
  const [codeRound, setCodeRound] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const running = useRef(false);
  const onSignedIn = useRef(options.onSignedIn);
  onSignedIn.current = options.onSignedIn;

  useEffect(() => {
    if (step !== 'code') return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [step]);

  /** One call at a time, so that a double click sends one SMS; a failure is told, and restarts when it must. */
  const run = useCallback(
    async (work: () => Promise<void>) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      try {
        await work();
      } catch (error) {
        const restart = describeError(error, lang).restart;
        if (restart) setStep('phone');
        setTold({ tone: 'error', say: (w) => describeError(error, w.lang).text });
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [lang],
  );

  const arrive = useCallback((result: SignInStep, after: 'start' | 'answer' | 'resend', typed: SignedInPhone) => {
    if (result.kind === 'signed-in') {
      setStep('signed-in');
      setTold(undefined);
      onSignedIn.current?.(typed);
      return;
    }
    const { challenge } = result;
    const at = Date.now();
    const toMs = (seconds: number | undefined) => (seconds === undefined ? undefined : at + seconds * 1000);
    setRound({
      challenge,
      expiresAt: challenge.delivery === 'refused' ? undefined : toMs(challenge.expiresInSeconds),
      resendAt: toMs(challenge.resendInSeconds),
    });
    setNow(at);
    setStep('code');
    setTold(tellArrival(challenge, after, typed.typed));
    if (after === 'answer') setWrongAnswers((n) => n + 1);
    else setCodeRound((n) => n + 1);
  }, []);

  const submitPhone = useCallback(
    (typed: string, country: CountryCode = DEFAULT_COUNTRY) =>
      run(async () => {
        const result = normalizePhone(typed, country, lang);
        // Refused here, in words, before any request: nothing is signed up and no SMS is sent.
        if (!result.ok) return setTold({ tone: 'error', field: 'phone', say: (w) => w.phoneProblem[result.problem] });
        setTold(undefined);
        const number = { typed: typed.trim(), e164: result.e164 };
        setPhone(number);
        arrive(await calls.startSignIn(result.e164), 'start', number);
      }),
    [arrive, calls, lang, run],
  );

  const submitCode = useCallback(
    (typed: string) =>
      run(async () => {
        const digits = round?.challenge.codeLength;
        const code = codeFromTyped(typed, undefined);
        // A malformed code would still cost an attempt at the pool, so it is caught here.
        if (!code || (digits && code.length !== digits)) return setTold({ tone: 'error', field: 'code', say: (w) => w.badCodeShape(digits) });
        if (phone) arrive(await calls.answerChallenge(code), 'answer', phone);
      }),
    [arrive, calls, phone, round, run],
  );

  const resend = useCallback(() => run(async () => void (phone && arrive(await calls.resendCode(), 'resend', phone))), [arrive, calls, phone, run]);

  const restart = useCallback(() => {
    setStep('phone');
    setRound(undefined);
    setTold(undefined);
  }, []);

  const words = WORDS[lang];
  const challenge = round?.challenge;
  const expiresInSeconds = step === 'code' ? secondsUntil(round?.expiresAt, now) : undefined;
  const expired = expiresInSeconds === 0;
  const codeLive = step === 'code' && challenge?.delivery !== 'refused' && !expired;
  // Once the code has expired, that is the news, unless a problem is being told.
  const shown: Told | undefined = expired && told?.tone !== 'error' ? { tone: 'error', say: (w) => w.expired } : told;
  return {
    step,
    busy,
    words,
    phone,
    codeLength: challenge?.codeLength,
    codeLive,
    expiresInSeconds: codeLive || expired ? expiresInSeconds : undefined,
    resendInSeconds: step === 'code' ? secondsUntil(round?.resendAt, now) : undefined,
    attemptsLeft: challenge?.attemptsLeft,
    notice: shown && { tone: shown.tone, ...(shown.field && { field: shown.field }), text: shown.say(words) },
    wrongAnswers,
    codeRound,
    submitPhone,
    submitCode,
    resend,
    restart,
  };
}

/** What to say when a challenge arrives: a code sent (to the number as typed), the live one reused, a refusal and its wait, or a wrong code. */
function tellArrival(challenge: Challenge, after: 'start' | 'answer' | 'resend', typed: string): Told {
  const { delivery, refusal, resendInSeconds, attemptsLeft, codeLength } = challenge;
  if (after === 'answer') return { tone: 'error', field: 'code', say: (w) => w.wrongCode(attemptsLeft) };
  if (delivery === 'refused') return { tone: 'error', say: (w) => w.refused(refusal, resendInSeconds ? w.duration(resendInSeconds) : undefined) };
  if (delivery === 'reused') return { tone: 'info', say: (w) => w.codeReused };
  if (after === 'resend') return { tone: 'info', say: (w) => w.resendSent };
  return { tone: 'info', say: (w) => w.codeSent(typed, codeLength) };
}
