import { E164_PATTERN } from '../domain/phone';
import { setting } from './setting';
import { containing, flag, httpsUrl, matching, optionalOneOf, optionalText, phoneDigits, requiredMatching, requiredText } from './readers';

/* The settings each provider alone reads, one group per provider, spread into SETTINGS (./definitions.ts) in its order. */

export const DEFAULT_SMS_TEMPLATE = '{code} is your {app} verification code.';
/** Solapi's default texts when SMS_MESSAGE_TEMPLATE is unset: each fits one SMS (90 bytes in EUC-KR). */
export const SOLAPI_KOREAN_TEMPLATE = '[{app}] 인증번호 {code}';
export const SOLAPI_ENGLISH_TEMPLATE = '[{app}] Your code is {code}';

/** EasyAuth: its key and API root. */
export const EASYAUTH_SETTINGS = {
  easyAuthApiKey: setting({
    env: 'EASYAUTH_API_KEY',
    context: 'easyAuthApiKeySecret',
    providers: ['easyauth'],
    secret: true,
    reader: requiredText('the EasyAuth API key'),
    doc: 'sent as `Authorization: Bearer …`',
  }),
  easyAuthBaseUrl: setting({
    env: 'EASYAUTH_BASE_URL',
    context: 'easyAuthBaseUrl',
    providers: ['easyauth'],
    reader: httpsUrl('https://api.easyauth.co/v1'),
    doc: "EasyAuth's API root",
  }),
};

/** SNS, and the SMS text Solapi shares (the app's name, the template). */
export const SNS_SETTINGS = {
  snsEndpoint: setting({
    env: 'AWS_ENDPOINT_URL_SNS',
    providers: ['sns'],
    reader: optionalText('a URL'),
    doc: "the SDK's standard endpoint override, e.g. a local SNS",
  }),
  appName: setting({
    env: 'APP_NAME',
    context: 'appName',
    providers: ['sns', 'solapi'],
    reader: optionalText('text'),
    doc: "your app's name in the SMS",
    shownDefault: '— (required when the template uses `{app}`)',
  }),
  smsTemplate: setting({
    env: 'SMS_MESSAGE_TEMPLATE',
    context: 'smsMessageTemplate',
    providers: ['sns', 'solapi'],
    reader: containing('{code}', DEFAULT_SMS_TEMPLATE),
    doc: 'the SMS text; for `solapi` it must fit one SMS (90 bytes in EUC-KR) with the app name and the code',
    shownDefault: `\`${DEFAULT_SMS_TEMPLATE}\`; for \`solapi\`, \`${SOLAPI_KOREAN_TEMPLATE}\` to +82 numbers and \`${SOLAPI_ENGLISH_TEMPLATE}\` to others`,
  }),
  webOtpDomain: setting({
    env: 'SMS_WEBOTP_DOMAIN',
    context: 'smsWebOtpDomain',
    providers: ['sns'],
    reader: matching(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'a host name such as app.example.com'),
    doc: 'appends `@app.example.com #123456` so browsers (WebOTP) and Android (SMS Retriever) can fill the code in',
  }),
  snsSenderId: setting({
    env: 'SNS_SENDER_ID',
    context: 'snsSenderId',
    providers: ['sns'],
    reader: matching(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, '1 to 11 letters and digits, at least one letter'),
    doc: '`AWS.SNS.SMS.SenderID`, where the destination country supports it',
  }),
  snsOriginationNumber: setting({
    env: 'SNS_ORIGINATION_NUMBER',
    context: 'snsOriginationNumber',
    providers: ['sns'],
    reader: matching(E164_PATTERN, 'an E.164 number such as +18005550123'),
    doc: '`AWS.MM.SMS.OriginationNumber`',
  }),
};

/** Solapi: its key pair, the registered sender, the API root. */
export const SOLAPI_SETTINGS = {
  solapiApiKey: setting({
    env: 'SOLAPI_API_KEY',
    context: 'solapiApiKeySecret',
    providers: ['solapi'],
    secret: true,
    reader: requiredText('the Solapi API key'),
    doc: "Solapi's API key, part of its HMAC-SHA256 `Authorization` header",
  }),
  solapiApiSecret: setting({
    env: 'SOLAPI_API_SECRET',
    context: 'solapiApiSecretSecret',
    providers: ['solapi'],
    secret: true,
    reader: requiredText('the Solapi API secret'),
    doc: 'signs each Solapi request (never sent)',
  }),
  solapiSender: setting({
    env: 'SOLAPI_SENDER',
    context: 'solapiSender',
    providers: ['solapi'],
    reader: phoneDigits(8, 12, 'must hold the sender number registered with Solapi (Korean law requires a registered sender)'),
    doc: 'the sender number registered with Solapi',
  }),
  solapiBaseUrl: setting({
    env: 'SOLAPI_BASE_URL',
    context: 'solapiBaseUrl',
    providers: ['solapi'],
    reader: httpsUrl('https://api.solapi.com'),
    doc: "Solapi's API root",
  }),
};

/**
 * Solapi's ids (a channel's pfId, a template's id) are 32 letters and digits: a 4-character prefix, a 2-letter kind,
 * 15 digits of its creation time and 11 random characters, e.g. `KA01PF190227072057634pRBhbpAw1w1` (a channel) or
 * `KA01TP210129012740053ATI51TEvmcC` (a template), as Solapi's API reference and SDK examples show them.
 */
const SOLAPI_ID = /^[A-Z]{2}\d{2}[A-Z]{2}\d{15}[A-Za-z0-9]{11}$/;
/** A template variable as Solapi takes it, `#{name}`: no braces, dots (the SDK refuses them) or spaces in the name. */
const KAKAO_VARIABLE = /^#\{[^{}.\s]{1,30}\}$/;

/** Solapi's KakaoTalk AlimTalk: the business channel, the approved template and the variable that carries the code. */
export const SOLAPI_KAKAO_SETTINGS = {
  solapiKakaoPfId: setting({
    env: 'SOLAPI_KAKAO_PF_ID',
    context: 'solapiKakaoPfId',
    providers: ['solapi'],
    reader: matching(SOLAPI_ID, "a channel's pfId at Solapi: 32 letters and digits, e.g. KA01PF190227072057634pRBhbpAw1w1"),
    doc: "with `SOLAPI_KAKAO_TEMPLATE_ID` and `SOLAPI_KAKAO_CODE_VARIABLE`: send the code as a KakaoTalk AlimTalk from this business channel (카카오톡 채널), with Solapi's SMS replacement (대체발송) for phones without KakaoTalk",
    shownDefault: '— (SMS only; required with `SOLAPI_KAKAO_TEMPLATE_ID`)',
  }),
  solapiKakaoTemplateId: setting({
    env: 'SOLAPI_KAKAO_TEMPLATE_ID',
    context: 'solapiKakaoTemplateId',
    providers: ['solapi'],
    reader: matching(SOLAPI_ID, "an approved AlimTalk template's id at Solapi: 32 letters and digits, e.g. KA01TP210129012740053ATI51TEvmcC"),
    doc: 'the AlimTalk template approved by Kakao the code is sent with; only its variable is filled in (Kakao refuses any text that does not match it)',
    shownDefault: '— (required with `SOLAPI_KAKAO_PF_ID`)',
  }),
  solapiKakaoCodeVariable: setting({
    env: 'SOLAPI_KAKAO_CODE_VARIABLE',
    context: 'solapiKakaoCodeVariable',
    providers: ['solapi'],
    reader: matching(KAKAO_VARIABLE, 'a template variable such as #{인증번호}'),
    doc: "the template's variable that carries the code, spelt as in the template; no default, since a guessed name would fail every send",
    shownDefault: '— (required with `SOLAPI_KAKAO_TEMPLATE_ID`)',
  }),
};

/** Twilio Verify: one of two credential pairs, the Verify service, its root and locale. */
export const TWILIO_SETTINGS = {
  twilioAccountSid: setting({
    env: 'TWILIO_ACCOUNT_SID',
    context: 'twilioAccountSid',
    providers: ['twilio'],
    reader: matching(/^AC[0-9a-f]{32}$/, 'an account SID, AC and 32 hex digits'),
    doc: 'with `TWILIO_AUTH_TOKEN`: one of the two credential pairs (set exactly one pair)',
  }),
  twilioAuthToken: setting({
    env: 'TWILIO_AUTH_TOKEN',
    context: 'twilioAuthTokenSecret',
    providers: ['twilio'],
    secret: true,
    reader: optionalText("the account's auth token"),
    doc: "the account's auth token, with `TWILIO_ACCOUNT_SID`",
    shownDefault: '— (required with `TWILIO_ACCOUNT_SID`)',
  }),
  twilioApiKeySid: setting({
    env: 'TWILIO_API_KEY_SID',
    context: 'twilioApiKeySid',
    providers: ['twilio'],
    reader: matching(/^SK[0-9a-f]{32}$/, 'an API key SID, SK and 32 hex digits'),
    doc: 'with `TWILIO_API_KEY_SECRET`: the other credential pair, preferred (revocable on its own)',
  }),
  twilioApiKeySecret: setting({
    env: 'TWILIO_API_KEY_SECRET',
    context: 'twilioApiKeySecret',
    providers: ['twilio'],
    secret: true,
    reader: optionalText("the API key's secret"),
    doc: "the API key's secret, with `TWILIO_API_KEY_SID`",
    shownDefault: '— (required with `TWILIO_API_KEY_SID`)',
  }),
  twilioServiceSid: setting({
    env: 'TWILIO_VERIFY_SERVICE_SID',
    context: 'twilioVerifyServiceSid',
    providers: ['twilio'],
    reader: requiredMatching(/^VA[0-9a-f]{32}$/, 'a Verify service SID, VA and 32 hex digits'),
    doc: 'the Verify service; its code length must equal `OTP_CODE_LENGTH`',
  }),
  twilioVerifyBaseUrl: setting({
    env: 'TWILIO_VERIFY_BASE_URL',
    context: 'twilioVerifyBaseUrl',
    providers: ['twilio'],
    reader: httpsUrl('https://verify.twilio.com/v2'),
    doc: "Twilio Verify's API root",
  }),
  twilioVerifyLocale: setting({
    env: 'TWILIO_VERIFY_LOCALE',
    context: 'twilioVerifyLocale',
    providers: ['twilio'],
    reader: matching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/, 'a Verify locale such as ko, en or pt-BR'),
    doc: "the SMS language; unset, `ko` to +82 numbers and Twilio's own choice for others",
  }),
};

/** The fake provider: its outbox, and the guard that keeps it out of Lambda. */
/** How the fake provider may be told to fail (FAKE_SMS_FAIL): each maps to the ProviderError a real provider would throw. */
export const FAKE_FAILURES = ['refuse', 'unreachable', 'timeout'] as const;
export type FakeFailure = (typeof FAKE_FAILURES)[number];

export const FAKE_SETTINGS = {
  fakeOutbox: setting({
    env: 'FAKE_SMS_OUTBOX',
    providers: ['fake'],
    reader: optionalText('a file path'),
    doc: 'append each SMS as `{"phone","code","at"}` JSON line; without it, the line goes to stderr',
  }),
  fakeFail: setting({
    env: 'FAKE_SMS_FAIL',
    providers: ['fake'],
    reader: optionalOneOf(FAKE_FAILURES),
    doc: 'make the fake fail each send, to watch a failover: `refuse` (the provider said no), `unreachable`, or `timeout` (it waits out the deadline, at most 5 s); unset, it sends',
    shownDefault: '— (it sends)',
  }),
  fakeFailFile: setting({
    env: 'FAKE_SMS_FAIL_FILE',
    providers: ['fake'],
    reader: optionalText('a file path'),
    doc: "a file the fake reads at each send: a failure mode in it (as `FAKE_SMS_FAIL`'s) replaces that setting, an empty or missing file means it sends; the playground's switch writes it",
  }),
  lambdaFunctionName: setting({
    env: 'AWS_LAMBDA_FUNCTION_NAME',
    providers: ['fake'],
    reader: optionalText('a function name'),
    doc: 'tells the function it runs inside Lambda, where `fake` refuses to start unless `ALLOW_FAKE_SMS` is `true`',
    shownDefault: 'set by Lambda',
  }),
  allowFakeSms: setting({
    env: 'ALLOW_FAKE_SMS',
    providers: ['fake'],
    reader: flag(),
    doc: '`fake` refuses to start inside Lambda (`AWS_LAMBDA_FUNCTION_NAME` set) unless this is `true`',
  }),
};
