import type { MessageAttributeValue, SNSClient } from '@aws-sdk/client-sns';
import { ProviderRejectedError, ProviderTimeoutError, ProviderUnreachableError, type ProviderError } from '../domain/errors';
import type { PhoneNumber } from '../domain/phone';
import type { Deadline } from '../domain/ports';
import type { SmsSettings } from './config';
import type { CodeDelivery } from './hmac-codes';

/** The SMS text, with the WebOTP / SMS Retriever line last so browsers and phones can fill the code in. */
export function smsText(settings: SmsSettings, code: string): string {
  const text = settings.template.replaceAll('{code}', code).replaceAll('{app}', settings.appName);
  return settings.webOtpDomain ? `${text}\n\n@${settings.webOtpDomain} #${code}` : text;
}

function attributes(settings: SmsSettings): Record<string, MessageAttributeValue> {
  const string = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    'AWS.SNS.SMS.SMSType': string('Transactional'),
    ...(settings.senderId && { 'AWS.SNS.SMS.SenderID': string(settings.senderId) }),
    ...(settings.originationNumber && { 'AWS.MM.SMS.OriginationNumber': string(settings.originationNumber) }),
  };
}

/**
 * Texts the code with SNS Publish straight to the phone number. The client must be made
 * with `maxAttempts: 1`: an SDK retry of Publish is a second SMS.
 */
export class SnsSmsDelivery implements CodeDelivery {
  constructor(
    private readonly client: SNSClient,
    private readonly settings: SmsSettings,
  ) {}

  async deliver(phone: PhoneNumber, code: string, deadline: Deadline): Promise<void> {
    // Imported on use, like every SDK module here: a static import of an external module is
    // hoisted to the top of the one-file bundle and would load the SDK at every cold start.
    const { PublishCommand } = await import('@aws-sdk/client-sns');
    const command = new PublishCommand({ PhoneNumber: phone, Message: smsText(this.settings, code), MessageAttributes: attributes(this.settings) });
    try {
      await this.client.send(command, { abortSignal: deadline.signal() });
    } catch (error) {
      throw toProviderError(error);
    }
  }
}

function toProviderError(error: unknown): ProviderError {
  const { name = '', $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new ProviderTimeoutError('SNS Publish did not answer before the trigger deadline', undefined, { cause: error });
  }
  const status = $metadata?.httpStatusCode;
  // SNS error messages can quote the phone number, so only the error's name is kept.
  if (status !== undefined) return new ProviderRejectedError(`SNS Publish failed: ${name} (HTTP ${status})`, status);
  return new ProviderUnreachableError(`SNS Publish could not be sent: ${name || 'unknown error'}`, undefined, { cause: error });
}
