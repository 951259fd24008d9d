import type { ClientFailureCode, FailureDetail, Words } from './types';

const list = (countries: readonly string[] | undefined) => (countries?.length ? ` (${countries.join(', ')})` : '');

type Say = (detail: FailureDetail) => string;

export const FAILURES: Record<ClientFailureCode, Say> = {
  'invalid-phone': () => 'This account has no valid phone number. Sign up again with your mobile number.',
  'challenge-state': () => 'This sign-in could not be continued. Start again.',
  'invalid-event': () => 'The sign-in service received a request it cannot read. Start again.',
  unavailable: () => 'Sign-in is unavailable for a moment. Try again shortly.',
  'send-failed': () => 'We could not send the code. Try again shortly.',
  'verify-failed': () => 'We could not check the code. Try again shortly.',
  internal: () => 'Something went wrong on our side. Try again later.',
  'too-many-checks': () => 'Too many tries for this code. Ask for a new one.',
  'too-many-sends': () => 'Too many codes were sent to this number. Try again in 10 minutes.',
  'number-blocked': () => 'We cannot send codes to this number right now. Try again later.',
  'country-blocked': () => 'We cannot send codes to numbers in this country.',
  busy: () => 'Too many requests right now. Try again shortly.',
  'sign-up-invalid': () => 'Sign-up refused: that phone number is not valid. Check the digits.',
  'sign-up-country': ({ countries }) =>
    `Sign-up refused: numbers from that country cannot sign up here. Use a mobile number from an allowed country${list(countries)}.`,
  'sign-up-number-type': () => 'Sign-up refused: that number cannot receive text messages. Use a mobile number.',
  'sign-up-not-canonical': ({ phone }) => `Sign-up refused: type the number in its usual form${phone ? `, ${phone}` : ''}.`,
  'sign-up-not-mobile': () =>
    'Sign-up refused: that is not a mobile number (a landline, internet phone, personal or company number), so it gets no text messages. Use a mobile number.',
  'sign-up-lookup-failed': () => 'Sign-up is unavailable for a moment. Try again shortly.',
  'no-attempts-left': () => 'No attempts left. Send a new code to try again.',
  'session-expired': () => 'This sign-in took too long and has expired. Send a new code.',
  'session-invalid': () => 'This sign-in is no longer valid. Send a new code.',
  'not-confirmed': () => 'This number signed up but was never confirmed, so it cannot sign in yet.',
  'sign-in-failed': () => 'Sign-in failed. Try again shortly.',
  'sign-up-failed': () => 'Sign-up failed. Try again shortly.',
  unreachable: () => 'Cannot reach the sign-in service. Check your connection.',
  unknown: () => 'Something went wrong. Try again.',
};

export const en: Words = {
  lang: 'en',
  form: {
    country: 'Country',
    phone: 'Phone number',
    phoneHint: 'Type the number as you would dial it in the chosen country (010-1234-5678), or + and the country code.',
    send: 'Send code',
    code: 'Code',
    verify: 'Verify',
    restart: 'Use another number',
    signOut: 'Sign out',
    resend: (seconds) => (seconds > 0 ? `Resend code (${seconds} s)` : 'Resend code'),
    validity: (clock) => `Time left ${clock}`,
  },
  phoneProblem: {
    empty: 'Type a phone number.',
    'not-a-number': 'That is not a phone number: use digits, and + before a country code.',
    invalid: 'That is not a valid phone number for the chosen country. Check the digits, or type + and the country code.',
  },
  codeSent: (phone, digits) => `We sent a ${digits ? `${digits}-digit ` : ''}code${phone ? ` to ${phone}` : ''}.`,
  codeReused: 'We already sent a code; it still works. Type it below.',
  resendSent: 'We sent a new code. The previous one no longer works.',
  refused: (refusal, wait) => {
    const when = wait ? `You can get a code in ${wait}.` : 'Try again later.';
    switch (refusal) {
      case 'resend-wait':
        return `No code sent yet. ${when}`;
      case 'phone-daily-cap':
        return `No code sent: this number has had its codes for today. ${when}`;
      case 'country':
      case 'range':
        return 'No code sent: we do not send codes to this country or number.';
      case 'budget':
        return `No code sent: too many requests right now. ${when}`;
      case 'code-spent':
        return `This code has already been used to sign in. ${wait ? `You can get a new one in ${wait}.` : 'Ask for a new one.'}`;
      default:
        return `No code sent. ${when}`;
    }
  },
  expired: 'The code has expired. Ask for a new one.',
  wrongCode: (left) =>
    left === undefined || left < 1 ? 'That code is not right.' : `That code is not right. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
  badCodeShape: (digits) => (digits ? `Type the ${digits}-digit code from the SMS.` : 'Type the code from the SMS, digits only.'),
  failure: (code, detail) => (FAILURES[code] ?? FAILURES.unknown)(detail),
  signedInAs: (phone) => `Signed in as ${phone}`,
  signedOut: 'Signed out.',
  duration: (seconds) => {
    if (seconds < 60) return `${seconds} s`;
    const minutes = Math.ceil(seconds / 60);
    if (minutes < 60) return `${minutes} min`;
    return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  },
};
