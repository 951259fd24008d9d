// Baseline, not product code. The same work as the product's handler for the custom-auth
// triggers with the fake provider (same checks of the event, same rules, same code, HMAC
// and challenge state, same outbox line, one JSON log line per event) written by hand in
// one file: no inversify, no pino, no layers. The benchmark compares the product with it,
// and checks that both answer the same events alike. PreSignUp and PostAuthentication
// are left out: the benchmark does not drive them. It has no ledger: its resend window is
// one process's memory and its codes are not single use, so it is a fair baseline only for
// the events that make no DynamoDB call (Define); for the
// others it shows what the same event costs without the ledger.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { TextEncoder } from 'node:util';

const int = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
if (process.env.OTP_PROVIDER !== 'fake') throw new Error('the plain baseline handler knows only OTP_PROVIDER=fake');
const CODE_LENGTH = int('OTP_CODE_LENGTH', 6);
const MAX_ATTEMPTS = int('OTP_MAX_ATTEMPTS', 3);
const TTL_MS = int('OTP_CODE_TTL_SECONDS', 180) * 1000;
const RESEND_MS = int('OTP_RESEND_INTERVAL_SECONDS', 30) * 1000;
const OUTBOX = process.env.FAKE_SMS_OUTBOX;
const SECRET = new TextEncoder().encode('cognito-sms-otp fake provider development key');

const E164 = /^\+[1-9]\d{6,14}$/;
const STATE = /^OTP1:(\d{1,15}):([A-Za-z0-9_-]*)$/;
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);
const SOURCES = ['DefineAuthChallenge_Authentication', 'CreateAuthChallenge_Authentication', 'VerifyAuthChallengeResponse_Authentication'];
const recentSends = new Map();

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function check(event) {
  if (!isObject(event) || typeof event.triggerSource !== 'string') throw new Error('event is not a Cognito trigger event: triggerSource is missing');
  const source = event.triggerSource;
  if (!SOURCES.includes(source)) throw new Error(`unsupported triggerSource "${source.slice(0, 64)}"`);
  for (const field of ['userName', 'userPoolId', 'region']) if (typeof event[field] !== 'string') throw new Error(`${source} event has no ${field}`);
  const request = event.request;
  if (!isObject(request)) throw new Error(`${source} event has no request`);
  if (request.userAttributes !== undefined && !isObject(request.userAttributes)) throw new Error(`${source} event has bad userAttributes`);
  if (request.userNotFound !== undefined && typeof request.userNotFound !== 'boolean') throw new Error(`${source} event has bad userNotFound`);
  if (source !== 'VerifyAuthChallengeResponse_Authentication') {
    if (!Array.isArray(request.session)) throw new Error(`${source} event has no request.session array`);
    request.session.forEach((round, i) => {
      if (!isObject(round) || typeof round.challengeName !== 'string' || typeof round.challengeResult !== 'boolean') {
        throw new Error(`${source} event has a malformed request.session[${i}]`);
      }
    });
  }
  if (source === 'CreateAuthChallenge_Authentication' && request.challengeName !== 'CUSTOM_CHALLENGE') throw new Error(`${source} asked for another challenge`);
  if (source === 'VerifyAuthChallengeResponse_Authentication') {
    if (typeof request.challengeAnswer !== 'string') throw new Error(`${source} event has no request.challengeAnswer`);
    if (!isObject(request.privateChallengeParameters)) throw new Error(`${source} event has no request.privateChallengeParameters`);
  }
  if (!isObject(event.response)) event.response = {};
}

function mask(phone) {
  const digits = phone.slice(1);
  const cc = digits[0] === '1' || digits[0] === '7' ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  const national = digits.slice(cc);
  const shown = Math.min(4, Math.floor(national.length / 2));
  return `+${digits.slice(0, cc)} ${'*'.repeat(national.length - shown)}${national.slice(national.length - shown)}`;
}

function phoneOf(event) {
  const phone = event.request.userAttributes?.phone_number;
  if (typeof phone !== 'string' || !E164.test(phone)) throw new Error('user has no valid phone_number (E.164, e.g. +821012345678)');
  return phone;
}

function decodeState(value) {
  const match = value === undefined ? null : STATE.exec(value);
  if (!match) throw new Error('challenge state is missing or corrupt');
  return { issuedAt: Number(match[1]), proof: match[2] };
}

const proofOf = (userId, phone, issuedAt, code) => createHmac('sha256', SECRET).update(`${userId}\n${phone}\n${issuedAt}\n${code}`).digest('base64url');

function define(event) {
  const { session, userNotFound } = event.request;
  const last = session.at(-1);
  let outcome;
  if (session.some((round) => round.challengeName !== 'CUSTOM_CHALLENGE')) outcome = 'fail:foreign-challenge';
  else if (session.length > MAX_ATTEMPTS) outcome = 'fail:exhausted';
  else if (last?.challengeResult === true) outcome = userNotFound === true ? 'fail:user-not-found' : 'issue-tokens';
  else outcome = session.length < MAX_ATTEMPTS ? 'challenge' : 'fail:exhausted';
  event.response = {
    ...(outcome === 'challenge' && { challengeName: 'CUSTOM_CHALLENGE' }),
    issueTokens: outcome === 'issue-tokens',
    failAuthentication: outcome.startsWith('fail'),
  };
  return { outcome };
}

async function create(event) {
  const { session } = event.request;
  const left = Math.max(0, MAX_ATTEMPTS - session.length);
  const userId = `${event.userPoolId}/${event.userName}`;
  let masked = '+** ********';
  let state = { issuedAt: Date.now(), proof: '' };
  let outcome = 'none';
  if (event.request.userNotFound !== true) {
    const phone = phoneOf(event);
    masked = mask(phone);
    const key = `${userId}\n${phone}`;
    for (const [k, sent] of recentSends) if (sent.issuedAt <= Date.now() - RESEND_MS) recentSends.delete(k);
    if (session.length > 0) [state, outcome] = [decodeState(session.at(-1).challengeMetadata), 'carried-over'];
    else if (recentSends.has(key)) [state, outcome] = [recentSends.get(key), 'recently-sent'];
    else {
      const issuedAt = Date.now();
      const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
      const line = `${JSON.stringify({ phone, code, at: new Date(issuedAt).toISOString() })}\n`;
      if (OUTBOX) await appendFile(OUTBOX, line);
      else process.stderr.write(`[fake SMS] ${line}`);
      [state, outcome] = [{ issuedAt, proof: proofOf(userId, phone, issuedAt, code) }, 'sent'];
      recentSends.set(key, state);
    }
  }
  const encoded = `OTP1:${state.issuedAt}:${state.proof}`;
  const resendIn = Math.max(0, Math.ceil((state.issuedAt + RESEND_MS - Date.now()) / 1000));
  const delivery = outcome === 'sent' ? 'sent' : 'reused';
  event.response = {
    publicChallengeParameters: {
      codeLength: String(CODE_LENGTH),
      attemptsLeft: String(left),
      resendInSeconds: String(resendIn),
      expiresInSeconds: String(Math.max(0, Math.ceil((state.issuedAt + TTL_MS - Date.now()) / 1000))),
      delivery,
    },
    privateChallengeParameters: { otpState: encoded },
    challengeMetadata: encoded,
  };
  return { outcome, maskedPhone: masked };
}

function verify(event) {
  const verdict = (outcome, maskedPhone) => {
    event.response = { answerCorrect: outcome === 'correct' };
    return { outcome, maskedPhone };
  };
  if (event.request.userNotFound === true) return verdict('user-not-found', '+** ********');
  const phone = phoneOf(event);
  const masked = mask(phone);
  const { issuedAt, proof } = decodeState(event.request.privateChallengeParameters.otpState);
  const code = event.request.challengeAnswer.trim().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH || !/^[0-9]+$/.test(code)) return verdict('malformed', masked);
  if (Date.now() - issuedAt > TTL_MS) return verdict('expired', masked);
  const expected = Buffer.from(proofOf(`${event.userPoolId}/${event.userName}`, phone, issuedAt, code));
  const given = Buffer.from(proof);
  return verdict(expected.length === given.length && timingSafeEqual(expected, given) ? 'correct' : 'wrong', masked);
}

export async function handler(event, context) {
  check(event);
  const handled =
    event.triggerSource === 'DefineAuthChallenge_Authentication'
      ? define(event)
      : event.triggerSource === 'CreateAuthChallenge_Authentication'
        ? await create(event)
        : verify(event);
  const line = { level: 30, time: Date.now(), requestId: context.awsRequestId, trigger: event.triggerSource, ...handled, msg: 'trigger handled' };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return event;
}
