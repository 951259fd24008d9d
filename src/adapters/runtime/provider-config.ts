import { ConfigError } from '../../settings/config-error';
import { SETTINGS, SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../settings/definitions';
import { type Env, present, readSetting, secretIdVariable } from '../../settings/setting';
import { smsTemplateProblem } from '../providers/sms-bytes';
import type { FakeFailure } from '../../settings/provider-settings';

/* The chosen OTP provider's settings, read and checked once, so that a bad one fails the cold start, named. */

export interface SmsSettings {
  readonly template: string;
  readonly appName: string;
  readonly webOtpDomain: string | undefined;
  readonly senderId: string | undefined;
  readonly originationNumber: string | undefined;
}

/** Solapi's settings, as the adapter takes them. */
export interface SolapiSettings {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** The sender number registered with Solapi (Korean law requires it), digits only, e.g. 0212345678. */
  readonly sender: string;
  /** @default https://api.solapi.com */
  readonly baseUrl: string;
  readonly appName: string;
  /** One template for every number; when unset, Korean for +82 numbers and English for the others. */
  readonly template: string | undefined;
  /** Set: codes go as KakaoTalk AlimTalk, with the SMS text above as Solapi's SMS replacement; unset: as SMS. */
  readonly kakao?: SolapiKakaoSettings | undefined;
}

/** A KakaoTalk AlimTalk: the business channel, the template Kakao approved, and the template's variable for the code. */
export interface SolapiKakaoSettings {
  /** The channel's id at Solapi, e.g. KA01PF190227072057634pRBhbpAw1w1. */
  readonly pfId: string;
  /** The approved template's id at Solapi, e.g. KA01TP210129012740053ATI51TEvmcC. */
  readonly templateId: string;
  /** The variable, as spelt in the template, e.g. #{인증번호}. */
  readonly codeVariable: string;
}

export type ProviderConfig =
  | { readonly kind: 'easyauth'; readonly baseUrl: string; readonly apiKey: string }
  | { readonly kind: 'sns'; readonly sms: SmsSettings }
  | { readonly kind: 'solapi'; readonly solapi: SolapiSettings }
  | { readonly kind: 'twilio'; readonly twilio: TwilioConfig }
  | { readonly kind: 'fake'; readonly outbox: string | undefined; readonly fail: FakeFailSettings };

/** How the fake fails, to watch a failover (FAKE_SMS_FAIL, FAKE_SMS_FAIL_FILE): never by default. */
export interface FakeFailSettings {
  readonly mode: FakeFailure | undefined;
  readonly file: string | undefined;
}

/** Twilio Verify's settings (the adapter's `TwilioSettings`): one credential pair as HTTP Basic's user and password. */
export interface TwilioConfig {
  readonly baseUrl: string;
  readonly serviceSid: string;
  readonly username: string;
  readonly password: string;
  readonly locale: string | undefined;
}

export type ProviderKind = ProviderConfig['kind'];

/** The provider of `kind` (OTP_PROVIDER's, or OTP_FALLBACK_PROVIDER's), its own settings read and checked as one provider's. */
export function readProvider(env: Env, kind: ProviderKind = readSetting(env, SETTINGS.provider)): ProviderConfig {
  switch (kind) {
    case 'easyauth':
      return { kind, baseUrl: readSetting(env, SETTINGS.easyAuthBaseUrl), apiKey: readSetting(env, SETTINGS.easyAuthApiKey) };
    case 'sns':
      // A missing region fails the cold start, not the first SMS.
      if (readSetting(env, SETTINGS.region) === undefined) throw new ConfigError(SETTINGS.region.env, 'is not set: it names the region SNS sends from');
      return { kind, sms: smsSettings(env) };
    case 'solapi':
      return { kind, solapi: solapiConfig(env, readSetting(env, SETTINGS.codeLength)) };
    case 'twilio':
      return { kind, twilio: twilioConfig(env) };
    case 'fake':
      if (readSetting(env, SETTINGS.lambdaFunctionName) !== undefined && !readSetting(env, SETTINGS.allowFakeSms)) {
        throw new ConfigError(
          readSetting(env, SETTINGS.provider) === 'fake' ? SETTINGS.provider.env : SETTINGS.fallbackProvider.env,
          `is "fake" inside Lambda: the fake sends no SMS; set ${SETTINGS.allowFakeSms.env}=true if that is really meant`,
        );
      }
      return {
        kind,
        outbox: readSetting(env, SETTINGS.fakeOutbox),
        fail: { mode: readSetting(env, SETTINGS.fakeFail), file: readSetting(env, SETTINGS.fakeFailFile) },
      };
  }
}

/** The fallback's settings, or undefined without one; the same provider twice fails the cold start, named. */
export function readFallbackProvider(env: Env): ProviderConfig | undefined {
  const kind = readSetting(env, SETTINGS.fallbackProvider);
  if (kind === undefined) return undefined;
  if (kind === readSetting(env, SETTINGS.provider)) {
    throw new ConfigError(
      SETTINGS.fallbackProvider.env,
      `is "${kind}", the same as ${SETTINGS.provider.env}: the fallback must be a different provider (or unset it for none)`,
    );
  }
  return readProvider(env, kind);
}

function smsSettings(env: Env): SmsSettings {
  const template = readSetting(env, SETTINGS.smsTemplate);
  const appName = readSetting(env, SETTINGS.appName);
  if (appName === undefined && template.includes('{app}')) {
    throw new ConfigError(SETTINGS.appName.env, 'is not set: it names your app in the SMS text ("{code} is your {app} verification code.")');
  }
  return {
    template,
    appName: appName ?? '',
    webOtpDomain: readSetting(env, SETTINGS.webOtpDomain),
    senderId: readSetting(env, SETTINGS.snsSenderId),
    originationNumber: readSetting(env, SETTINGS.snsOriginationNumber),
  };
}

/** Solapi's settings, checked here so that a bad one fails the cold start, named. */
function solapiConfig(env: Env, codeLength: number): SolapiSettings {
  const appName = readSetting(env, SETTINGS.appName) ?? '';
  // Unset means the adapter's defaults (Korean to +82 numbers); set, it must still fit one SMS.
  const template = present(env, SETTINGS.smsTemplate.env) === undefined ? undefined : readSetting(env, SETTINGS.smsTemplate);
  for (const text of template === undefined ? [SOLAPI_KOREAN_TEMPLATE, SOLAPI_ENGLISH_TEMPLATE] : [template]) {
    if (appName === '' && text.includes('{app}')) {
      throw new ConfigError(SETTINGS.appName.env, `is not set: it names your app in the SMS text ("${text}")`);
    }
    const problem = smsTemplateProblem(text, appName, codeLength);
    if (problem) {
      const name = template === undefined ? SETTINGS.appName.env : SETTINGS.smsTemplate.env;
      throw new ConfigError(name, `makes the SMS "${text}" unsendable as one SMS: ${problem}`);
    }
  }
  return {
    apiKey: readSetting(env, SETTINGS.solapiApiKey),
    apiSecret: readSetting(env, SETTINGS.solapiApiSecret),
    sender: readSetting(env, SETTINGS.solapiSender),
    baseUrl: readSetting(env, SETTINGS.solapiBaseUrl),
    appName,
    template,
    kakao: solapiKakao(env),
  };
}

/** AlimTalk needs all three: a channel without a template (or the reverse) would fail every send, so it fails the cold start. */
function solapiKakao(env: Env): SolapiKakaoSettings | undefined {
  const pfId = readSetting(env, SETTINGS.solapiKakaoPfId);
  const templateId = readSetting(env, SETTINGS.solapiKakaoTemplateId);
  const codeVariable = readSetting(env, SETTINGS.solapiKakaoCodeVariable);
  const { solapiKakaoPfId: channel, solapiKakaoTemplateId: approved, solapiKakaoCodeVariable: variable } = SETTINGS;
  if (pfId === undefined && templateId === undefined) {
    if (codeVariable !== undefined)
      throw new ConfigError(variable.env, `is set without ${channel.env} and ${approved.env}: it names a variable of the AlimTalk template`);
    return undefined;
  }
  if (templateId === undefined) throw new ConfigError(approved.env, `is not set: ${channel.env} sends AlimTalk with a template Kakao approved`);
  if (pfId === undefined) throw new ConfigError(channel.env, `is not set: ${approved.env} is sent from a KakaoTalk channel registered at Solapi`);
  if (codeVariable === undefined)
    throw new ConfigError(variable.env, `is not set: it names the variable of ${approved.env} that carries the code, e.g. #{인증번호}`);
  return { pfId, templateId, codeVariable };
}

/** Exactly one credential pair: the account SID with its auth token, or an API key SID with its secret. */
function twilioConfig(env: Env): TwilioConfig {
  const accountSid = readSetting(env, SETTINGS.twilioAccountSid);
  const apiKeySid = readSetting(env, SETTINGS.twilioApiKeySid);
  if ((accountSid === undefined) === (apiKeySid === undefined)) {
    throw new ConfigError(
      SETTINGS.twilioAccountSid.env,
      `and ${SETTINGS.twilioApiKeySid.env} are ${accountSid === undefined ? 'both unset' : 'both set'}: set exactly one credential pair ` +
        `(${SETTINGS.twilioAccountSid.env} with ${SETTINGS.twilioAuthToken.env}, or ${SETTINGS.twilioApiKeySid.env} with ${SETTINGS.twilioApiKeySecret.env})`,
    );
  }
  const [username, sid, secret] =
    accountSid === undefined
      ? [apiKeySid ?? '', SETTINGS.twilioApiKeySid, SETTINGS.twilioApiKeySecret]
      : [accountSid, SETTINGS.twilioAccountSid, SETTINGS.twilioAuthToken];
  const password = readSetting(env, secret);
  if (password === undefined) throw new ConfigError(secret.env, `is not set: it pairs with ${sid.env} (in Lambda, by ${secretIdVariable(secret)})`);
  return {
    baseUrl: readSetting(env, SETTINGS.twilioVerifyBaseUrl),
    serviceSid: readSetting(env, SETTINGS.twilioServiceSid),
    username,
    password,
    locale: readSetting(env, SETTINGS.twilioVerifyLocale),
  };
}
