import { appendFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PAGE } from '../../local/demo/messages';
import { followOutbox, formatDeliveryNotice, formatSms } from '../../local/sms-printer';
import { newOutbox } from '../support/outbox';

describe('the demo page words', () => {
  it('has all its own text in both languages', () => {
    // Assess
    expect(Object.keys(PAGE.ko).sort()).toEqual(Object.keys(PAGE.en).sort());
    for (const [name, text] of Object.entries(PAGE.ko)) {
      if (name === 'switchTo' || name === 'switchLang') continue;
      for (const one of typeof text === 'string' ? [text] : Object.values(text)) expect(one).toMatch(/[\uac00-\ud7a3]/);
    }
  });
});

describe('the fake SMS in the terminal', () => {
  it('is marked as local and fake, with the whole number, so that numbers ending alike differ', () => {
    // Act
    const printed = formatSms('{"phone":"+821055501234","code":"042917","at":"2026-11-24T10:00:00.000Z"}');
    const one = formatSms('{"phone":"+821000000001","code":"111111","at":"2026-11-24T10:00:00.000Z"}');
    const other = formatSms('{"phone":"+821099990001","code":"111111","at":"2026-11-24T10:00:00.000Z"}');

    // Assess
    expect(printed).toContain('local fake SMS');
    expect(printed).toContain('to +82 10 5550 1234');
    expect(printed).toContain('code 042917');
    expect(one).not.toBe(other);
    expect(formatSms('{"phone":"+8212","code":"1"}')).toContain('to an invalid number');
  });

  it('says when a sign-in reused a code or was refused a send, and nothing otherwise', () => {
    // Prepare
    const create = { triggerSource: 'CreateAuthChallenge_Authentication', request: { userAttributes: { phone_number: '+821055501234' } } };
    const answered = (parameters: Record<string, string>) => ({ response: { publicChallengeParameters: { codeLength: '6', ...parameters } } });

    // Act
    const reused = formatDeliveryNotice(create, answered({ delivery: 'reused', resendInSeconds: '25' }));
    const refused = formatDeliveryNotice(create, answered({ delivery: 'refused', refusal: 'phone-daily-cap', resendInSeconds: '3600' }));

    // Assess
    expect(reused).toContain('no SMS to +82 10 5550 1234: the sign-in reuses the code already sent; a new code can be sent in 25 s');
    expect(refused).toContain('the send was refused (phone-daily-cap)');
    expect(formatDeliveryNotice(create, answered({ delivery: 'sent' }))).toBeUndefined();
    expect(formatDeliveryNotice(create, answered({}))).toBeUndefined(); // today's backend says nothing
    expect(formatDeliveryNotice({ ...create, triggerSource: 'DefineAuthChallenge_Authentication' }, answered({ delivery: 'reused' }))).toBeUndefined();
  });

  it('prints each SMS appended to the outbox after it starts following, and none from before', async () => {
    // Prepare
    const outbox = await newOutbox();
    await writeFile(outbox, '{"phone":"+821055500000","code":"111111","at":"2026-11-24T09:00:00.000Z"}\n');
    const printed: string[] = [];
    const stop = await followOutbox(outbox, (text) => printed.push(text));

    // Act
    await appendFile(outbox, '{"phone":"+821055501234","code":"042917","at":"2026-11-24T10:00:00.000Z"}\n');
    for (let waited = 0; printed.length === 0 && waited < 5000; waited += 50) await sleep(50);
    stop();

    // Assess
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('code 042917');
  });
});
