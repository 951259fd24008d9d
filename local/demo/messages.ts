/** What the demo page itself says, around the sign-in form (whose words ship in cognito-sms-otp/client). */
import type { Lang } from '../../src/client/words';

/** The page's fixed text. */
export interface PageText {
  readonly title: string;
  readonly heading: string;
  readonly intro: string;
  readonly claims: string;
  readonly switchTo: string;
  /** The language the switch goes to, for its `lang` attribute. */
  readonly switchLang: Lang;
  readonly pool: string;
  readonly client: string;
  /** The fake provider's failure switch, and each of its modes. */
  readonly fakeSwitch: string;
  readonly fakeModes: Readonly<Record<'works' | 'refuse' | 'unreachable' | 'timeout', string>>;
}

export const PAGE: Readonly<Record<Lang, PageText>> = {
  en: {
    title: 'cognito-sms-otp · local sign-in',
    heading: 'Sign in with your phone',
    intro: "A local Cognito user pool running this project's Lambda. Codes arrive as local fake SMS in the terminal running npm start.",
    claims: 'ID token claims',
    switchTo: '한국어',
    switchLang: 'ko',
    pool: 'Local pool',
    client: 'client',
    fakeSwitch: 'Fake provider (the fallback, sns, sends when it fails):',
    fakeModes: { works: 'sends', refuse: 'refuses', unreachable: 'unreachable', timeout: 'times out' },
  },
  ko: {
    title: 'cognito-sms-otp · 로컬 로그인',
    heading: '휴대폰 번호로 로그인',
    intro: '이 프로젝트의 Lambda로 동작하는 로컬 Cognito 사용자 풀입니다. 인증번호는 문자 대신 npm start를 실행한 터미널에 표시됩니다.',
    claims: 'ID 토큰 클레임',
    switchTo: 'English',
    switchLang: 'en',
    pool: '로컬 사용자 풀',
    client: '클라이언트',
    fakeSwitch: '가짜 발송 업체 (실패하면 대체 업체 SNS가 보냄):',
    fakeModes: { works: '정상 발송', refuse: '거절', unreachable: '연결 불가', timeout: '시간 초과' },
  },
};
