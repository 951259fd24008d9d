import type { PhoneNumber } from '../../domain/phone';
import type { CodeMadeHere, Deadline } from '../../domain/ports';
import { callQuery } from '../aws/query-protocol';
import type { AwsTarget } from '../aws/services';
import type { SmsSettings } from '../runtime/provider-config';
import { providerFailure } from '../http/call-failure';

/** The SMS text, with the WebOTP / SMS Retriever line last so browsers and phones can fill the code in. */
export function smsText(settings: SmsSettings, code: string): string {
  const text = settings.template.replaceAll('{code}', code).replaceAll('{app}', settings.appName);
  return settings.webOtpDomain ? `${text}\n\n@${settings.webOtpDomain} #${code}` : text;
}

/** Publish's parameters in the Query protocol's form encoding: MessageAttributes as numbered entries. */
function publishParameters(settings: SmsSettings, phone: PhoneNumber, code: string): Record<string, string> {
  const attributes: [string, string][] = [
    ['AWS.SNS.SMS.SMSType', 'Transactional'],
    ...(settings.senderId ? [['AWS.SNS.SMS.SenderID', settings.senderId] as [string, string]] : []),
    ...(settings.originationNumber ? [['AWS.MM.SMS.OriginationNumber', settings.originationNumber] as [string, string]] : []),
  ];
  const parameters: Record<string, string> = { PhoneNumber: phone, Message: smsText(settings, code) };
  attributes.forEach(([name, value], index) => {
    const entry = `MessageAttributes.entry.${index + 1}`;
    parameters[`${entry}.Name`] = name;
    parameters[`${entry}.Value.DataType`] = 'String';
    parameters[`${entry}.Value.StringValue`] = value;
  });
  return parameters;
}

/**
 * Texts the code with SNS Publish straight to the phone number, through the light signed client
 * (no SDK to load). It is never retried: a retried Publish is a second SMS.
 */
export class SnsSmsDelivery implements CodeMadeHere {
  readonly kind = 'made-here';
  constructor(
    private readonly target: AwsTarget,
    private readonly settings: SmsSettings,
  ) {}

  async deliver(phone: PhoneNumber, code: string, deadline: Deadline): Promise<void> {
    try {
      await callQuery(this.target, '2010-03-31', 'Publish', publishParameters(this.settings, phone, code), deadline.signal());
    } catch (error) {
      // SNS error messages can quote the phone number: only the error's code is kept (AwsError never holds the message).
      throw providerFailure('SNS Publish', error);
    }
  }
}
