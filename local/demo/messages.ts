/** What the demo page says, in Korean and English. Pure, so it is tested without a browser. */
import type { Challenge } from '../../src/client/challenge';
import type { PhoneProblem } from '../../src/client/phone';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** Korean for a browser that prefers Korean (ko, ko-KR), English otherwise. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

/** The page's fixed text, by the `data-t` key of the element that shows it. */
export interface PageText {
  readonly title: string;
  readonly heading: string;
  readonly intro: string;
  readonly country: string;
  readonly phone: string;
  readonly send: string;
  readonly phoneHint: string;
  readonly code: string;
  readonly verify: string;
  readonly restart: string;
  readonly claims: string;
  readonly signOut: string;
  readonly switchTo: string;
}

type Refusal = 'resend-wait' | 'phone-daily-cap' | 'country' | 'range' | 'budget' | 'code-spent';

interface Words {
  readonly page: PageText;
  readonly phoneProblem: Record<PhoneProblem, string>;
  codeSent(to: string | undefined, digits: number | undefined): string;
  readonly reused: string;
  refused(refusal: Refusal | undefined, seconds: number | undefined): string;
  resend(seconds: number): string;
  readonly resendSent: string;
  wrongCode(left: number | undefined): string;
  badCodeShape(digits: number | undefined): string;
  readonly noAttemptsLeft: string;
  readonly sessionExpired: string;
  readonly sessionInvalid: string;
  poolRefused(message: string): string;
  readonly notConfirmed: string;
  signInFailed(words: string): string;
  readonly unreachable: string;
  somethingWrong(message: string): string;
  signedInAs(who: string): string;
  readonly signedOut: string;
  readonly sent: string;
}

const en: Words = {
  page: {
    title: 'cognito-sms-otp · local sign-in',
    heading: 'Sign in with your phone',
    intro: "A local Cognito user pool running this project's Lambda. Codes arrive as local fake SMS in the terminal running npm start.",
    country: 'Country',
    phone: 'Phone number',
    send: 'Send code',
    phoneHint: 'Type the number as you would dial it in the chosen country (010-1234-5678), or + and the country code.',
    code: 'Code',
    verify: 'Verify',
    restart: 'Use another number',
    claims: 'ID token claims',
    signOut: 'Sign out',
    switchTo: '한국어',
  },
  phoneProblem: {
    empty: 'Type a phone number.',
    'not-a-number': 'That is not a phone number: use digits, and + before a country code.',
    invalid: 'That is not a valid phone number for the chosen country. Check the digits, or type + and the country code.',
  },
  codeSent: (to, digits) => `We sent a ${digits ? `${digits}-digit ` : ''}code${to ? ` to ${to}` : ''}. In this playground, read it in the terminal.`,
  reused: 'We already sent a code; it still works. Type it below.',
  refused: (refusal, seconds) => {
    switch (refusal) {
      case 'resend-wait':
        return seconds ? `No new code yet: try again in ${seconds} s.` : 'No new code yet: try again shortly.';
      case 'phone-daily-cap':
        return 'This number has reached its daily limit of codes. Try again tomorrow.';
      case 'code-spent':
        return seconds
          ? `That code was already used to sign in. A new one can be sent in ${seconds} s.`
          : 'That code was already used to sign in. Ask for a new one.';
      case 'country':
      case 'range':
        return 'We do not send codes to this country or number.';
      case 'budget':
        return 'Too many requests right now. Try again later.';
      default:
        return 'No code was sent. Try again later.';
    }
  },
  resend: (seconds) => (seconds > 0 ? `Resend code (${seconds} s)` : 'Resend code'),
  resendSent: 'We sent a new code. The previous one no longer works.',
  wrongCode: (left) =>
    left === undefined || left < 1 ? 'That code is not right.' : `That code is not right. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
  badCodeShape: (digits) => (digits ? `Type the ${digits}-digit code from the SMS, digits only.` : 'Type the code from the SMS, digits only.'),
  noAttemptsLeft: 'No attempts left. Send a new code to try again.',
  sessionExpired: 'This sign-in took too long and has expired. Send a new code.',
  sessionInvalid: 'This sign-in is no longer valid (its session was used already, or the playground restarted). Send a new code.',
  poolRefused: (message) => `The pool refused this: ${message}`,
  notConfirmed: 'This number signed up but was never confirmed, so it cannot sign in yet.',
  signInFailed: (words) => `Sign-in failed: ${words}.`,
  unreachable: 'Cannot reach the local user pool. Is `npm start` still running?',
  somethingWrong: (message) => `Something went wrong: ${message}`,
  signedInAs: (who) => `Signed in as ${who}`,
  signedOut: 'Signed out.',
  sent: 'Code sent.',
};

const ko: Words = {
  page: {
    title: 'cognito-sms-otp · 로컬 로그인',
    heading: '휴대폰 번호로 로그인',
    intro: '이 프로젝트의 Lambda를 실행하는 로컬 Cognito 사용자 풀입니다. 인증번호는 npm start를 실행한 터미널에 로컬 가짜 SMS로 표시됩니다.',
    country: '국가',
    phone: '휴대폰 번호',
    send: '인증번호 받기',
    phoneHint: '선택한 국가에서 거는 대로 입력하거나(010-1234-5678) + 와 국가번호를 붙여 입력하세요.',
    code: '인증번호',
    verify: '확인',
    restart: '다른 번호 사용',
    claims: 'ID 토큰 클레임',
    signOut: '로그아웃',
    switchTo: 'English',
  },
  phoneProblem: {
    empty: '휴대폰 번호를 입력하세요.',
    'not-a-number': '전화번호가 아닙니다. 숫자로 입력하고, 국가번호 앞에는 +를 붙이세요.',
    invalid: '선택한 국가의 올바른 전화번호가 아닙니다. 숫자를 확인하거나 + 와 국가번호를 붙여 입력하세요.',
  },
  codeSent: (to, digits) => `${to ? `${to}(으)로 ` : ''}${digits ? `${digits}자리 ` : ''}인증번호를 보냈습니다. 이 플레이그라운드에서는 터미널에서 확인하세요.`,
  reused: '이미 보낸 인증번호가 아직 유효합니다. 그 번호를 입력하세요.',
  refused: (refusal, seconds) => {
    switch (refusal) {
      case 'resend-wait':
        return seconds
          ? `아직 새 인증번호를 보낼 수 없습니다. ${seconds}초 후에 다시 시도하세요.`
          : '아직 새 인증번호를 보낼 수 없습니다. 잠시 후 다시 시도하세요.';
      case 'phone-daily-cap':
        return '이 번호는 오늘 받을 수 있는 인증번호 수를 모두 사용했습니다. 내일 다시 시도하세요.';
      case 'code-spent':
        return seconds
          ? `이 인증번호는 이미 로그인에 사용되었습니다. ${seconds}초 후에 새 인증번호를 받을 수 있습니다.`
          : '이 인증번호는 이미 로그인에 사용되었습니다. 새 인증번호를 요청하세요.';
      case 'country':
      case 'range':
        return '이 국가 또는 번호로는 인증번호를 보내지 않습니다.';
      case 'budget':
        return '지금은 요청이 너무 많습니다. 잠시 후 다시 시도하세요.';
      default:
        return '인증번호를 보내지 못했습니다. 잠시 후 다시 시도하세요.';
    }
  },
  resend: (seconds) => (seconds > 0 ? `인증번호 다시 받기 (${seconds}초)` : '인증번호 다시 받기'),
  resendSent: '새 인증번호를 보냈습니다. 이전 번호는 더 이상 쓸 수 없습니다.',
  wrongCode: (left) => (left === undefined || left < 1 ? '인증번호가 맞지 않습니다.' : `인증번호가 맞지 않습니다. ${left}번 더 시도할 수 있습니다.`),
  badCodeShape: (digits) => (digits ? `SMS로 받은 ${digits}자리 숫자를 입력하세요.` : 'SMS로 받은 인증번호를 숫자로만 입력하세요.'),
  noAttemptsLeft: '남은 시도가 없습니다. 새 인증번호를 받아 다시 시도하세요.',
  sessionExpired: '로그인 시간이 너무 오래 걸려 만료되었습니다. 새 인증번호를 받으세요.',
  sessionInvalid: '이 로그인은 더 이상 유효하지 않습니다(이미 사용되었거나 플레이그라운드가 다시 시작됨). 새 인증번호를 받으세요.',
  poolRefused: (message) => `사용자 풀이 거부했습니다: ${message}`,
  notConfirmed: '이 번호는 가입했지만 확인되지 않아 아직 로그인할 수 없습니다.',
  signInFailed: (words) => `로그인 실패: ${words}.`,
  unreachable: '로컬 사용자 풀에 연결할 수 없습니다. `npm start`가 실행 중인지 확인하세요.',
  somethingWrong: (message) => `문제가 발생했습니다: ${message}`,
  signedInAs: (who) => `${who}(으)로 로그인했습니다`,
  signedOut: '로그아웃했습니다.',
  sent: '인증번호를 보냈습니다.',
};

export const WORDS: Record<Lang, Words> = { en, ko };

/** What to say when a challenge arrives after a start or a resend; `error` when no code is on its way. */
export function deliveryWords(challenge: Challenge, lang: Lang, after: 'start' | 'resend'): { text: string; kind: 'info' | 'error' } {
  const w = WORDS[lang];
  if (challenge.delivery === 'reused') return { text: w.reused, kind: 'info' };
  if (challenge.delivery === 'refused') return { text: w.refused(challenge.refusal as Refusal | undefined, challenge.resendInSeconds), kind: 'error' };
  return { text: after === 'resend' ? w.resendSent : w.sent, kind: 'info' };
}

/** Cognito's one refusal type, told apart by its message. */
function notAuthorized(message: string, w: Words): { text: string; restart: boolean } {
  // What DefineAuthChallenge's failAuthentication becomes: here, after the last wrong code.
  if (message === 'Incorrect username or password.') return { text: w.noAttemptsLeft, restart: true };
  // The sign-in session, not the code: each answer must come before the session of its round expires.
  if (/session is expired/i.test(message)) return { text: w.sessionExpired, restart: true };
  if (/invalid session/i.test(message)) return { text: w.sessionInvalid, restart: true };
  return { text: w.poolRefused(message), restart: true };
}

/** An error from Amplify (its `name` is Cognito's error type) in words a person can act on. */
export function describeError(error: unknown, lang: Lang = 'en'): { text: string; restart: boolean } {
  const w = WORDS[lang];
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAuthorizedException') return notAuthorized(message, w);
  // Amplify's own error when it holds no sign-in in progress, e.g. after its 3-minute limit.
  if (name === 'SignInException') return { text: w.sessionExpired, restart: true };
  if (name === 'InvalidParameterException' && /phone/i.test(message)) return { text: w.phoneProblem.invalid, restart: true };
  if (name === 'UserNotConfirmedException') return { text: w.notConfirmed, restart: true };
  if (name === 'UserLambdaValidationException') {
    // "CreateAuthChallenge failed with error could not send the verification code, try again shortly."
    const words = /failed with error (.*?)\.?$/.exec(message)?.[1] ?? message;
    return { text: w.signInFailed(words), restart: true };
  }
  if (name === 'NetworkError' || /fetch/i.test(message)) return { text: w.unreachable, restart: false };
  return { text: w.somethingWrong(message), restart: false };
}
