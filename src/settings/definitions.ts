import { DEFAULT_POLICY } from '../domain/policy';
import { DEFAULT_TEXTED_KINDS, TEXTABLE_KINDS } from '../domain/phone-inspection';
import { getCountries } from 'libphonenumber-js/max';
import { DEFAULT_METRICS_NAMESPACE } from '../adapters/metrics/metric-names';
import { PROVIDERS, setting } from './setting';
import { choiceList, countryList, matchingOr, oneOf, optionalOneOf, optionalText, requiredText, secretBytes, wholeNumber } from './readers';
import { EASYAUTH_SETTINGS, FAKE_SETTINGS, SNS_SETTINGS, SOLAPI_KAKAO_SETTINGS, SOLAPI_SETTINGS, TWILIO_SETTINGS } from './provider-settings';

export { DEFAULT_SMS_TEMPLATE, SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from './provider-settings';

/** The levels the function logs at (info, warn, error), and silent: none below info exists, so none is accepted. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const MIN_SECRET_BYTES = 32;
export const DEFAULT_ALLOWED_COUNTRIES = 'KR';

/**
 * Every setting of the function, once. The config reader (src/adapters/runtime/config.ts), the secrets reader, the CDK
 * context (infra/context.ts), the construct's environment (infra/function-environment.ts) and the table of
 * docs/configuration.md derive from this list. To add one: a line here (a provider's own: in ./provider-settings.ts), then read it where it is used (see that page).
 */
export const SETTINGS = {
  provider: setting({ env: 'OTP_PROVIDER', reader: oneOf(PROVIDERS), doc: 'who sends and checks the code', shownDefault: '— (required)' }),
  fallbackProvider: setting({
    env: 'OTP_FALLBACK_PROVIDER',
    context: 'otpFallbackProvider',
    reader: optionalOneOf(PROVIDERS),
    doc: 'a second provider, different from `OTP_PROVIDER`, that sends when the first one definitely sent nothing (it refused, could not be reached, answered out of contract, or its breaker is open); never after a timeout, so never a second SMS',
    shownDefault: '— (none)',
  }),
  breakerFailures: setting({
    env: 'OTP_BREAKER_FAILURES',
    context: 'otpBreakerFailures',
    reader: wholeNumber(1, 1000, 5),
    doc: 'with a fallback: definite failures of a provider within the window, across every instance, that open its breaker (Creates skip it for the cool-off)',
  }),
  breakerWindowSeconds: setting({
    env: 'OTP_BREAKER_WINDOW_SECONDS',
    context: 'otpBreakerWindowSeconds',
    reader: wholeNumber(10, 3600, 60),
    doc: "the window the breaker's failures are counted in",
  }),
  breakerCooloffSeconds: setting({
    env: 'OTP_BREAKER_COOLOFF_SECONDS',
    context: 'otpBreakerCooloffSeconds',
    reader: wholeNumber(10, 3600, 120),
    doc: 'how long an open breaker skips its provider; then one trial send lets it back in, or opens it again',
  }),
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
    doc: 'a hard cap of SMS per phone per UTC day, refusing until midnight UTC once reached; 0 (the default) is none, the backoff alone bounds sends (at most 53 a day with the default waits, see docs/security.md): a cap lets anyone who knows the number lock its owner out for the rest of the day',
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
  ...EASYAUTH_SETTINGS,
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
  ...SNS_SETTINGS,
  ...SOLAPI_SETTINGS,
  ...SOLAPI_KAKAO_SETTINGS,
  ...TWILIO_SETTINGS,
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
  ...FAKE_SETTINGS,
};

export type SettingKey = keyof typeof SETTINGS;
export const ALL_SETTINGS = Object.values(SETTINGS);

/** Variables for a function's environment from settings by key (`{ provider: 'fake' }` → `{ OTP_PROVIDER: 'fake' }`): for scripts that start one. */
export function settingsEnv(values: Readonly<Partial<Record<SettingKey, string>>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [SETTINGS[key as SettingKey].env, value as string]));
}
