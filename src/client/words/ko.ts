import type { ClientFailureCode, FailureDetail, Words } from './types';

type Say = (detail: FailureDetail) => string;

const FAILURES: Record<ClientFailureCode, Say> = {
  'invalid-phone': () => '이 계정에 올바른 휴대폰 번호가 없습니다. 휴대폰 번호로 다시 가입해 주세요.',
  'challenge-state': () => '로그인을 이어갈 수 없습니다. 처음부터 다시 시도해 주세요.',
  'invalid-event': () => '로그인 요청을 처리할 수 없습니다. 처음부터 다시 시도해 주세요.',
  unavailable: () => '지금은 로그인할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  'send-failed': () => '인증번호를 보내지 못했습니다. 잠시 후 다시 시도해 주세요.',
  'verify-failed': () => '인증번호를 확인하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  internal: () => '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  'too-many-checks': () => '이 인증번호로 너무 많이 시도했습니다. 인증번호를 다시 받아 주세요.',
  'too-many-sends': () => '이 번호로 인증번호를 너무 많이 보냈습니다. 10분 후에 다시 시도해 주세요.',
  'number-blocked': () => '지금은 이 번호로 인증번호를 보낼 수 없습니다. 나중에 다시 시도해 주세요.',
  'country-blocked': () => '이 국가의 번호로는 인증번호를 보낼 수 없습니다.',
  busy: () => '요청이 많아 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  'sign-up-invalid': () => '가입할 수 없습니다. 올바른 휴대폰 번호가 아닙니다. 번호를 확인해 주세요.',
  'sign-up-country': ({ countries }) =>
    `이 국가의 번호로는 가입할 수 없습니다. ${countries?.length ? countries.join(', ') : '허용된 국가의'} 휴대폰 번호로 가입해 주세요.`,
  'sign-up-number-type': () => '가입할 수 없습니다. 문자를 받을 수 없는 번호입니다. 휴대폰 번호를 입력해 주세요.',
  'sign-up-not-canonical': ({ phone }) => `가입할 수 없습니다. 번호를 ${phone ? `${phone}처럼 ` : ''}일반적인 형식으로 입력해 주세요.`,
  'sign-up-not-mobile': () =>
    '가입할 수 없습니다. 휴대폰 번호가 아니라 문자를 받을 수 없는 번호입니다(유선, 인터넷 전화, 개인·대표 번호). 휴대폰 번호를 입력해 주세요.',
  'sign-up-lookup-failed': () => '지금은 가입할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  'no-attempts-left': () => '입력 가능 횟수를 모두 사용했습니다. 인증번호를 다시 받아 주세요.',
  'session-expired': () => '로그인 시간이 지났습니다. 인증번호를 다시 받아 주세요.',
  'session-invalid': () => '이 로그인은 더 이상 유효하지 않습니다. 인증번호를 다시 받아 주세요.',
  'not-confirmed': () => '가입 확인이 끝나지 않은 번호라 아직 로그인할 수 없습니다.',
  'sign-in-failed': () => '로그인하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  'sign-up-failed': () => '가입하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  unreachable: () => '로그인 서버에 연결할 수 없습니다. 인터넷 연결을 확인해 주세요.',
  unknown: () => '문제가 발생했습니다. 다시 시도해 주세요.',
};

export const ko: Words = {
  lang: 'ko',
  form: {
    country: '국가',
    phone: '휴대폰 번호',
    phoneHint: '010-1234-5678처럼 입력하세요. 해외 번호는 +와 국가번호를 붙여 입력하세요.',
    send: '인증번호 받기',
    code: '인증번호',
    verify: '확인',
    restart: '다른 번호 입력',
    signOut: '로그아웃',
    resend: (seconds) => (seconds > 0 ? `재전송 (${seconds}초)` : '인증번호 재전송'),
    validity: (clock) => `남은 시간 ${clock}`,
  },
  phoneProblem: {
    empty: '휴대폰 번호를 입력해 주세요.',
    'not-a-number': '전화번호 형식이 아닙니다. 숫자만 입력하고, 국가번호 앞에는 +를 붙여 주세요.',
    invalid: '선택한 국가의 올바른 전화번호가 아닙니다. 번호를 확인하거나 +와 국가번호를 붙여 입력해 주세요.',
  },
  codeSent: (phone, digits) => `${phone ? `${phone} 번호로 ` : ''}${digits ? `${digits}자리 ` : ''}인증번호를 보냈습니다.`,
  codeReused: '이미 보낸 인증번호가 아직 유효합니다. 받은 인증번호를 입력해 주세요.',
  resendSent: '인증번호를 다시 보냈습니다. 이전 인증번호는 더 이상 쓸 수 없습니다.',
  refused: (refusal, wait) => {
    const when = wait ? `${wait} 후에 인증번호를 받을 수 있습니다.` : '잠시 후 다시 시도해 주세요.';
    switch (refusal) {
      case 'resend-wait':
        return `아직 인증번호를 보낼 수 없습니다. ${when}`;
      case 'phone-daily-cap':
        return `오늘 이 번호로 받을 수 있는 인증번호를 모두 받았습니다. ${when}`;
      case 'country':
      case 'range':
        return '이 국가나 번호로는 인증번호를 보내지 않습니다.';
      case 'budget':
        return `지금은 요청이 많아 인증번호를 보내지 못했습니다. ${when}`;
      case 'code-spent':
        return `이미 로그인에 사용된 인증번호입니다. ${wait ? `${wait} 후에 새 인증번호를 받을 수 있습니다.` : '인증번호를 다시 받아 주세요.'}`;
      default:
        return `인증번호를 보내지 못했습니다. ${when}`;
    }
  },
  expired: '인증 시간이 지났습니다. 인증번호를 다시 받아 주세요.',
  wrongCode: (left) => (left === undefined || left < 1 ? '인증번호가 맞지 않습니다.' : `인증번호가 맞지 않습니다. ${left}번 더 입력할 수 있습니다.`),
  badCodeShape: (digits) => (digits ? `문자로 받은 ${digits}자리 숫자를 입력해 주세요.` : '문자로 받은 인증번호를 숫자로 입력해 주세요.'),
  failure: (code, detail) => (FAILURES[code] ?? FAILURES.unknown)(detail),
  signedInAs: (phone) => `${phone} 번호로 로그인했습니다.`,
  signedOut: '로그아웃했습니다.',
  duration: (seconds) => {
    if (seconds < 60) return `${seconds}초`;
    const minutes = Math.ceil(seconds / 60);
    if (minutes < 60) return `${minutes}분`;
    return `${Math.floor(minutes / 60)}시간${minutes % 60 ? ` ${minutes % 60}분` : ''}`;
  },
};
