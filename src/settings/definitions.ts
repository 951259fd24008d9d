import { DEFAULT_POLICY } from '../domain/policy';
import { E164_PATTERN } from '../domain/phone';
import { DEFAULT_TEXTED_KINDS, TEXTABLE_KINDS } from '../domain/phone-inspection';
import { getCountries } from 'libphonenumber-js/max';
import { DEFAULT_METRICS_NAMESPACE } from '../adapters/metrics/metric-names';
import {
  choiceList,
  containing,
  countryList,
  matchingOr,
  flag,
  httpsUrl,
  matching,
  oneOf,
  optionalText,
  phoneDigits,
  PROVIDERS,
  requiredMatching,
  requiredText,
  secretBytes,
  setting,
  wholeNumber,
} from './setting';

/** The levels the function logs at (info, warn, error), and silent: none below info exists, so none is accepted. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_SMS_TEMPLATE = '{code} is your {app} verification code.';
/** Solapi's default texts when SMS_MESSAGE_TEMPLATE is unset: each fits one SMS (90 bytes in EUC-KR). */
export const SOLAPI_KOREAN_TEMPLATE = '[{app}] 인증번호 {code}';
export const SOLAPI_ENGLISH_TEMPLATE = '[{app}] Your code is {code}';
export const MIN_SECRET_BYTES = 32;
export const DEFAULT_ALLOWED_COUNTRIES = 'KR';

/**
 * Every setting of the function, once. The config reader (src/adapters/runtime/config.ts), the secrets reader, the CDK
 * context (infra/context.ts), the construct's environment (infra/function-environment.ts) and the table of
 * docs/configuration.md derive from this list. To add one: a line here, then read it where it is used (see that page).
 */
export const SETTINGS = {
  provider: setting({ env: 'OTP_PROVIDER', reader: oneOf(PROVIDERS), doc: 'who sends and checks the code', shownDefault: '— (required)' }),
  codeLength: setting({
    env: 'OTP_CODE_LENGTH',
    context: 'otpCodeLength',
    reader: wholeNumber(4, 10, DEFAULT_POLICY.codeLength),
    doc: "digits in a code; for EasyAuth and Twilio Verify, match the length they send (the Verify service's code length)",
  }),
  maxAttempts: setting({
    env: 'OTP_MAX_ATTEMPTS',
    context: 'otpMaxAttempts',
    reader: wholeNumber(1, 10, DEFAULT_POLICY.maxAttempts),
    doc: 'answers allowed per code, across every sign-in; after that many wrong ones even the right one is refused',
  }),
  codeTtlSeconds: setting({
    env: 'OTP_CODE_TTL_SECONDS',
    context: 'otpCodeTtlSeconds',
    reader: wholeNumber(30, 600, DEFAULT_POLICY.codeTtlSeconds),
    doc: 'how long a code is accepted',
  }),
  resendIntervalSeconds: setting({
    env: 'OTP_RESEND_INTERVAL_SECONDS',
    context: 'otpResendIntervalSeconds',
    reader: wholeNumber(0, 300, DEFAULT_POLICY.resendIntervalSeconds),
    doc: 'the wait after the first send of the day (it doubles per send today); a sign-in within it continues with the code already sent',
  }),
  maxResendWaitSeconds: setting({
    env: 'OTP_MAX_RESEND_WAIT_SECONDS',
    context: 'otpMaxResendWaitSeconds',
    reader: wholeNumber(30, 86_400, DEFAULT_POLICY.maxResendWaitSeconds),
    doc: 'the longest wait between two sends to one phone',
  }),
  maxSendsPerDay: setting({
    env: 'OTP_MAX_SENDS_PER_PHONE_PER_DAY',
    context: 'otpMaxSendsPerPhonePerDay',
    reader: wholeNumber(0, 100, DEFAULT_POLICY.maxSendsPerPhonePerDay),
    doc: 'a hard cap of SMS per phone per UTC day, refusing until midnight UTC once reached; 0 (the default) is none, the backoff alone bounds sends (at most 53 a day with the default waits, see docs/security-ledger.md): a cap lets anyone who knows the number lock its owner out for the rest of the day',
  }),
  maxResendsPerSignIn: setting({
    env: 'OTP_MAX_RESENDS_PER_SIGN_IN',
    context: 'otpMaxResendsPerSignIn',
    reader: wholeNumber(0, 10, DEFAULT_POLICY.maxResendsPerSignIn),
    doc: 'new codes a user may ask for within one sign-in (clientMetadata `action: resend`)',
  }),
  maxSendsPerRangePerHour: setting({
    env: 'OTP_MAX_SENDS_PER_RANGE_PER_HOUR',
    context: 'otpMaxSendsPerRangePerHour',
    reader: wholeNumber(1, 10_000, 20),
    doc: 'SMS per hour to numbers sharing all but their last 4 digits',
  }),
  smsBudgetPerHour: setting({
    env: 'OTP_SMS_BUDGET_PER_HOUR',
    context: 'otpSmsBudgetPerHour',
    reader: wholeNumber(1, 1_000_000, 200),
    doc: 'SMS per UTC hour, whole pool',
  }),
  smsBudgetPerDay: setting({
    env: 'OTP_SMS_BUDGET_PER_DAY',
    context: 'otpSmsBudgetPerDay',
    reader: wholeNumber(1, 10_000_000, 2000),
    doc: 'SMS per UTC day, whole pool',
  }),
  ledgerTable: setting({
    env: 'OTP_LEDGER_TABLE',
    reader: requiredText('a DynamoDB table name', 'names the verification ledger table (the stack sets it)'),
    doc: 'the verification ledger table (codes, attempts, send limits)',
    shownDefault: 'set by the stack; `npm start` makes a local one',
  }),
  dynamoDbEndpoint: setting({
    env: 'AWS_ENDPOINT_URL_DYNAMODB',
    reader: optionalText('a URL'),
    doc: "the SDK's standard endpoint override for the ledger table, e.g. a local dynalite",
  }),
  allowedCountries: setting({
    env: 'OTP_ALLOWED_COUNTRIES',
    context: 'otpAllowedCountries',
    reader: countryList(getCountries(), DEFAULT_ALLOWED_COUNTRIES),
    doc: 'countries whose numbers may sign up and get a code (ISO 3166-1 alpha-2, comma-separated); any other is refused, and so are premium-rate, shared-cost, toll-free, pager and voicemail numbers',
  }),
  allowedNumberTypes: setting({
    env: 'OTP_ALLOWED_NUMBER_TYPES',
    context: 'otpAllowedNumberTypes',
    reader: choiceList(TEXTABLE_KINDS, DEFAULT_TEXTED_KINDS, `number types as libphonenumber tells them, comma-separated: ${TEXTABLE_KINDS.join(', ')}`),
    doc: 'the number types that may sign up and get a code; any other is refused (`not-mobile`): by default landlines (02, 031), VoIP (070), personal (050x) and UAN (1588, 1644) numbers, which take no SMS. Add `fixed-line` and the others only for a provider that reaches them. Premium-rate, shared-cost, toll-free, pager and voicemail numbers are never texted',
  }),
  metricsNamespace: setting({
    env: 'OTP_METRICS_NAMESPACE',
    reader: matchingOr(/^[A-Za-z0-9._/#:-]{1,255}$/, 'a CloudWatch namespace (letters, digits, . - _ / # :)', DEFAULT_METRICS_NAMESPACE),
    doc: 'CloudWatch namespace of the EMF metrics (sent, reused, refused by rule, signed in, wrong, expired, provider failures and latency); the construct sets one per deployment',
  }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    context: 'logLevel',
    reader: oneOf(LOG_LEVELS, 'info'),
    doc: 'pino log level; the function logs at info, warn and error only',
  }),
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
  hmacSecret: setting({
    env: 'OTP_HMAC_SECRET',
    context: 'hmacSecret',
    secret: true,
    reader: secretBytes(MIN_SECRET_BYTES),
    doc: "key for the ledger's phone hashes and the codes' proofs; the stack generates one; make one with `openssl rand -base64 48`",
  }),
  region: setting({
    env: 'AWS_REGION',
    reader: optionalText('a region'),
    doc: 'where the ledger table, Secrets Manager and SNS are called (the user pool: the region of each event); `sns` needs it',
    shownDefault: 'set by Lambda',
  }),
  awsAccessKeyId: setting({
    env: 'AWS_ACCESS_KEY_ID',
    reader: optionalText('an access key id'),
    doc: "with `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`): the function role's keys every AWS call is signed with",
    shownDefault: 'set by Lambda',
  }),
  awsSecretAccessKey: setting({
    env: 'AWS_SECRET_ACCESS_KEY',
    reader: optionalText('a secret access key'),
    doc: 'the secret of `AWS_ACCESS_KEY_ID`',
    shownDefault: 'set by Lambda',
  }),
  awsSessionToken: setting({
    env: 'AWS_SESSION_TOKEN',
    reader: optionalText('a session token'),
    doc: 'the session token of temporary keys',
    shownDefault: 'set by Lambda',
  }),
  awsEndpoint: setting({
    env: 'AWS_ENDPOINT_URL',
    reader: optionalText('a URL'),
    doc: "the SDK's standard endpoint override for every AWS service called, after the service's own `AWS_ENDPOINT_URL_*`",
  }),
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
  secretsManagerEndpoint: setting({
    env: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
    reader: optionalText('a URL'),
    doc: "the SDK's standard endpoint override for the `*_SECRET_ID` reads, e.g. a local Secrets Manager",
  }),
  userPoolEndpoint: setting({
    env: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
    reader: optionalText('a URL'),
    doc: "the SDK's standard endpoint override for the user-pool API (PostAuthentication), e.g. the local playground",
  }),
  fakeOutbox: setting({
    env: 'FAKE_SMS_OUTBOX',
    providers: ['fake'],
    reader: optionalText('a file path'),
    doc: 'append each SMS as `{"phone","code","at"}` JSON line; without it, the line goes to stderr',
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

export type SettingKey = keyof typeof SETTINGS;
export const ALL_SETTINGS = Object.values(SETTINGS);

/** Variables for a function's environment from settings by key (`{ provider: 'fake' }` → `{ OTP_PROVIDER: 'fake' }`): for scripts that start one. */
export function settingsEnv(values: Readonly<Partial<Record<SettingKey, string>>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [SETTINGS[key as SettingKey].env, value as string]));
}
