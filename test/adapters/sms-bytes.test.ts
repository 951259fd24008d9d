import { describe, expect, it } from 'vitest';
import { eucKrBytes, fillTemplate, smsTemplateProblem, SMS_MAX_EUC_KR_BYTES } from '../../src/adapters/providers/sms-bytes';
import { SOLAPI_ENGLISH_TEMPLATE, SOLAPI_KOREAN_TEMPLATE } from '../../src/adapters/providers/solapi';

describe('eucKrBytes', () => {
  it.each([
    ['', 0],
    ['123456', 6],
    ['인증번호', 8],
    ['[앱] 인증번호 123456', 20],
    ['漢字', 4],
    ['a\nb', 3],
  ])('counts %j as %i bytes', (text, bytes) => {
    // Act / Assess
    expect(eucKrBytes(text)).toBe(bytes);
  });
});

describe('smsTemplateProblem', () => {
  it('accepts the default Korean and English templates with a long app name and the longest code', () => {
    // Prepare: 20 Hangul syllables, 40 bytes.
    const appName = '가'.repeat(20);

    // Act / Assess
    expect(smsTemplateProblem(SOLAPI_KOREAN_TEMPLATE, appName, 10)).toBeUndefined();
    expect(smsTemplateProblem(SOLAPI_ENGLISH_TEMPLATE, 'An app name of thirty letters', 10)).toBeUndefined();
  });

  it('accepts a text of exactly 90 bytes and refuses one of 91', () => {
    // Prepare: "{code}" becomes 6 digits; 42 Hangul syllables are 84 bytes.
    const exact = `${'가'.repeat(42)}{code}`;
    const over = `${exact}!`;

    // Act / Assess
    expect(eucKrBytes(fillTemplate(exact, '', '123456'))).toBe(SMS_MAX_EUC_KR_BYTES);
    expect(smsTemplateProblem(exact, '', 6)).toBeUndefined();
    expect(smsTemplateProblem(over, '', 6)).toMatch(/91 bytes in EUC-KR .* an SMS holds 90 \(longer is billed as LMS\)/);
  });

  it('counts the app name and the longest code, not the template as written', () => {
    // Prepare: fits with a 4-digit code and a short name, not with a 10-digit code and a long Korean name.
    const template = `[{app}] ${'인증번호'.repeat(9)} {code}`;

    // Act / Assess
    expect(smsTemplateProblem(template, 'A', 4)).toBeUndefined();
    expect(smsTemplateProblem(template, '우리동네가게', 10)).toMatch(/bytes in EUC-KR/);
  });

  it('refuses a template without {code}, and one with characters EUC-KR cannot carry', () => {
    // Act / Assess
    expect(smsTemplateProblem('[{app}] 인증번호', 'App', 6)).toBe('it must contain {code}');
    expect(smsTemplateProblem('🔐 {code}', 'App', 6)).toMatch(/EUC-KR cannot carry/);
  });
});
