import type { Node } from 'constructs';
import type { LogLevel, OtpSettings } from './function-environment';

/** The example app's settings, as given with `-c key=value` or in cdk.json's "context". */
export interface ExampleSettings {
  readonly provider: 'easyauth' | 'sns';
  /** Name or ARN of an existing secret; without one, the stack creates it. */
  readonly easyAuthApiKeySecret?: string;
  readonly easyAuthBaseUrl?: string;
  readonly hmacSecret?: string;
  readonly snsSenderId?: string;
  readonly snsOriginationNumber?: string;
  readonly smsMessageTemplate?: string;
  readonly appName?: string;
  readonly smsWebOtpDomain?: string;
  readonly otp: OtpSettings;
  readonly authSessionMinutes?: number;
  readonly wafRateLimit?: number | false;
  readonly alarmEmail?: string;
  readonly logLevel?: LogLevel;
}

/** Every key the example app reads; any other key in the context is a typo and fails the synth. */
export const CONTEXT_KEYS = [
  'provider',
  'easyAuthApiKeySecret',
  'easyAuthBaseUrl',
  'hmacSecret',
  'snsSenderId',
  'snsOriginationNumber',
  'smsMessageTemplate',
  'appName',
  'smsWebOtpDomain',
  'otpCodeLength',
  'otpMaxAttempts',
  'otpCodeTtlSeconds',
  'otpResendIntervalSeconds',
  'authSessionMinutes',
  'wafRateLimit',
  'alarmEmail',
  'logLevel',
] as const;

type Key = (typeof CONTEXT_KEYS)[number];

class ContextError extends Error {
  override readonly name = 'ContextError';
  constructor(key: string, accepts: string) {
    super(`context ${key} ${accepts}`);
  }
}

/** Reads the example app's settings; a value of the wrong kind fails naming its key. Ranges are checked by the construct. */
export function readContext(node: Node): ExampleSettings {
  // CDK's own keys hold ':' or '@'; a plain camelCase key that is not ours is a typo.
  const unknown = Object.keys(node.getAllContext()).filter((key) => /^[a-z][A-Za-z]*$/.test(key) && !(CONTEXT_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new ContextError(unknown.join(', '), `is not a setting: the settings are ${CONTEXT_KEYS.join(', ')}`);

  const text = (key: Key): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new ContextError(key, `is ${JSON.stringify(value)}: it accepts a string`);
  };
  const whole = (key: Key): number | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value)) return Number(value);
    throw new ContextError(key, `is "${value}": it accepts a whole number`);
  };
  const provider = text('provider') ?? 'easyauth';
  if (provider !== 'easyauth' && provider !== 'sns') {
    throw new ContextError('provider', `is "${provider}": it accepts easyauth, sns (fake is for tests and local runs: it writes codes to the logs)`);
  }
  const logLevel = text('logLevel') as LogLevel | undefined; // checked with the function's own reader
  const waf: unknown = node.tryGetContext('wafRateLimit');

  return {
    provider,
    easyAuthApiKeySecret: text('easyAuthApiKeySecret'),
    easyAuthBaseUrl: text('easyAuthBaseUrl'),
    hmacSecret: text('hmacSecret'),
    snsSenderId: text('snsSenderId'),
    snsOriginationNumber: text('snsOriginationNumber'),
    smsMessageTemplate: text('smsMessageTemplate'),
    appName: text('appName'),
    smsWebOtpDomain: text('smsWebOtpDomain'),
    otp: {
      codeLength: whole('otpCodeLength'),
      maxAttempts: whole('otpMaxAttempts'),
      codeTtlSeconds: whole('otpCodeTtlSeconds'),
      resendIntervalSeconds: whole('otpResendIntervalSeconds'),
    },
    authSessionMinutes: whole('authSessionMinutes'),
    wafRateLimit: waf === false || waf === 'false' || waf === 'off' ? false : whole('wafRateLimit'),
    alarmEmail: text('alarmEmail'),
    logLevel,
  };
}
