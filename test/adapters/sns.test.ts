import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SmsSettings } from '../../src/adapters/runtime/provider-config';
import { awsTarget } from '../../src/adapters/aws/services';
import { SnsSmsDelivery, smsText } from '../../src/adapters/providers/sns';
import type { ProviderError } from '../../src/domain/errors';
import { ProviderRejectedError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { refusedUrl } from '../support/easyauth-server';
import { PHONE } from '../support/events';
import { deadlineIn, noDeadline } from '../support/fakes';
import { SnsServer } from '../support/sns-server';
import { testAws } from '../support/aws-env';

const settings: SmsSettings = {
  template: '{code} is your {app} verification code.',
  appName: 'Hello',
  webOtpDomain: undefined,
  senderId: undefined,
  originationNumber: undefined,
};

const client = (endpoint: string) => awsTarget('sns', testAws({ sns: endpoint }));

describe('smsText', () => {
  it('fills the template', () => {
    // Act
    const text = smsText(settings, '012345');

    // Assess
    expect(text).toBe('012345 is your Hello verification code.');
  });

  it('ends with the WebOTP line when a domain is set', () => {
    // Act
    const text = smsText({ ...settings, webOtpDomain: 'app.example.com' }, '012345');

    // Assess
    expect(text).toBe('012345 is your Hello verification code.\n\n@app.example.com #012345');
  });
});

describe('SnsSmsDelivery against a local SNS endpoint', () => {
  let sns: SnsServer;

  beforeEach(async () => {
    sns = await new SnsServer().start();
  });
  afterEach(() => sns.stop());

  it('publishes a transactional SMS straight to the phone number, signed', async () => {
    // Act
    await new SnsSmsDelivery(client(sns.origin), settings).deliver(PHONE as PhoneNumber, '012345', noDeadline());

    // Assess
    expect(sns.published).toEqual([
      {
        phoneNumber: PHONE,
        message: '012345 is your Hello verification code.',
        attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional' },
        authorization: expect.stringMatching(
          /^AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST\/\d{8}\/ap-northeast-2\/sns\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
        ),
      },
    ]);
  });

  it('adds the sender id and origination number when set', async () => {
    // Prepare
    const full = { ...settings, senderId: 'HelloApp', originationNumber: '+18005550123', webOtpDomain: 'app.example.com' };

    // Act
    await new SnsSmsDelivery(client(sns.origin), full).deliver(PHONE as PhoneNumber, '012345', noDeadline());

    // Assess
    expect(sns.published[0]?.attributes).toEqual({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.SNS.SMS.SenderID': 'HelloApp',
      'AWS.MM.SMS.OriginationNumber': '+18005550123',
    });
    expect(sns.published[0]?.message).toMatch(/\n\n@app\.example\.com #012345$/);
  });

  it.each([
    [400, 'Throttling'],
    [400, 'OptedOut'],
    [400, 'InvalidParameter'],
    [500, 'InternalError'],
  ])('turns HTTP %i %s into a ProviderRejectedError, sent once, without the phone number', async (status, code) => {
    // Prepare
    sns.faults.push({ status, code });

    // Act
    const error = (await new SnsSmsDelivery(client(sns.origin), settings)
      .deliver(PHONE as PhoneNumber, '012345', noDeadline())
      .catch((e: unknown) => e)) as ProviderError;

    // Assess
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error.status).toBe(status);
    expect(error.message).toContain(code);
    expect(`${error.message} ${String(error.cause)}`).not.toContain(PHONE);
    expect(sns.faults).toEqual([]);
    expect(sns.published).toEqual([]);
  });

  it('gives up at the deadline when SNS is slow', async () => {
    // Prepare
    sns.faults.push({ delayMs: 2000 });

    // Act
    const error = await new SnsSmsDelivery(client(sns.origin), settings).deliver(PHONE as PhoneNumber, '012345', deadlineIn(200)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(sns.held).toBe(1); // given up at the deadline, while SNS still held its answer back
  });

  it('reports an endpoint that refuses the connection', async () => {
    // Prepare
    const down = new SnsSmsDelivery(client(new URL(await refusedUrl()).origin), settings);

    // Act
    const delivered = down.deliver(PHONE as PhoneNumber, '012345', noDeadline());

    // Assess
    await expect(delivered).rejects.toThrow(ProviderUnreachableError);
  });
});
