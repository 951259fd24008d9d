// Baseline, not product code: the empty handler plus what country and number-type checks cost with
// 'libphonenumber-js/min' (parse the user's number, read its country and type), bundled as the product is.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export const handler = async (event: { request?: { userAttributes?: Record<string, string> } }) => {
  const number = parsePhoneNumberFromString(event.request?.userAttributes?.phone_number ?? '');
  if (!number?.isValid() || number.country === undefined || number.getType() === 'PREMIUM_RATE') throw new Error('the bench phone must parse');
  return event;
};
