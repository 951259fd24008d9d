/**
 * A Korean SMS holds 90 bytes of EUC-KR; a longer text is sent, and billed, as an LMS.
 * These pure functions let a template be refused at the cold start instead of costing more on every send.
 */

export const SMS_MAX_EUC_KR_BYTES = 90;

/** Bytes of `text` in EUC-KR (as Korean carriers count it): ASCII is 1 byte, Hangul, Hanja and other symbols 2. */
export function eucKrBytes(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += char.codePointAt(0)! < 0x80 ? 1 : 2;
  return bytes;
}

/** Characters EUC-KR (and its superset CP949) cannot carry at all, such as emoji: they would turn the SMS into something else. */
export function unencodable(text: string): string[] {
  return [...text].filter((char) => char.codePointAt(0)! > 0xffff);
}

/** The SMS text: `{code}` and `{app}` replaced. */
export function fillTemplate(template: string, appName: string, code: string): string {
  return template.replaceAll('{code}', code).replaceAll('{app}', appName);
}

/**
 * Why `template` could not be sent as one SMS, or undefined when it always fits: it must hold `{code}`,
 * carry only EUC-KR characters, and stay within 90 bytes with the app's name and a code of `codeLength` digits.
 */
export function smsTemplateProblem(template: string, appName: string, codeLength: number): string | undefined {
  if (!template.includes('{code}')) return 'it must contain {code}';
  const text = fillTemplate(template, appName, '0'.repeat(codeLength));
  const odd = unencodable(text);
  if (odd.length > 0) return `it holds characters EUC-KR cannot carry (${odd.join('')})`;
  const bytes = eucKrBytes(text);
  if (bytes > SMS_MAX_EUC_KR_BYTES) {
    return `it is ${bytes} bytes in EUC-KR with the app name and a ${codeLength}-digit code: an SMS holds ${SMS_MAX_EUC_KR_BYTES} (longer is billed as LMS)`;
  }
  return undefined;
}
