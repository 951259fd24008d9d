import { describe, expect, it } from 'vitest';
import { EmfMetrics, RecordingMetrics } from '../../../src/adapters/metrics/emf-metrics';
import { measuredProvider } from '../../../src/adapters/metrics/measured-provider';
import { ProviderTimeoutError } from '../../../src/domain/errors';
import type { PhoneNumber } from '../../../src/domain/phone';
import { FakeClock, KeepingProvider, noDeadline, RecordingDelivery } from '../../support/fakes';

function prepare() {
  const lines: string[] = [];
  const clock = new FakeClock();
  return { lines, clock, metrics: new EmfMetrics('CognitoSmsOtp/Test', clock, (line) => lines.push(line)) };
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('EmfMetrics', () => {
  it('writes one EMF line per outcome, without dimensions', () => {
    // Prepare
    const { lines, clock, metrics } = prepare();

    // Act
    metrics.count({ outcome: 'sent' });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\{.*\}\n$/);
    expect(parsed(lines)).toEqual([
      {
        _aws: {
          Timestamp: clock.now(),
          CloudWatchMetrics: [{ Namespace: 'CognitoSmsOtp/Test', Dimensions: [[]], Metrics: [{ Name: 'SmsSent', Unit: 'Count' }] }],
        },
        SmsSent: 1,
      },
    ]);
  });

  it('counts a refusal by its rule and in total', () => {
    // Prepare
    const { lines, metrics } = prepare();

    // Act
    metrics.count({ outcome: 'refused', rule: 'country' });

    // Assess
    expect(parsed(lines)[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Dimensions: [['Rule'], []], Metrics: [{ Name: 'Refused', Unit: 'Count' }] }] },
      Rule: 'country',
      Refused: 1,
    });
  });

  it.each([
    ['reused', 'CodeReused'],
    ['correct', 'SignedIn'],
    ['wrong', 'WrongAnswer'],
    ['expired', 'CodeExpired'],
    ['provider-failure', 'ProviderFailure'],
  ] as const)('names %s %s', (outcome, name) => {
    const { lines, metrics } = prepare();

    metrics.count({ outcome });

    expect(parsed(lines)[0]).toMatchObject({ [name]: 1, _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: name, Unit: 'Count' }] }] } });
  });

  it('records the provider latency in milliseconds by operation', () => {
    const { lines, metrics } = prepare();

    metrics.providerCall({ operation: 'send', latencyMs: 152.4, provider: 'solapi' });

    expect(parsed(lines)[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [{ Dimensions: [['Provider', 'Operation'], ['Operation'], []], Metrics: [{ Name: 'ProviderLatency', Unit: 'Milliseconds' }] }],
      },
      Provider: 'solapi',
      Operation: 'send',
      ProviderLatency: 152,
    });
  });

  it.each([
    [{ kind: 'sent', provider: 'solapi', channel: 'alimtalk' }, 'ProviderSent', { Channel: 'alimtalk' }, [['Provider', 'Channel'], ['Provider'], []]],
    [{ kind: 'failed', provider: 'easyauth', failure: 'unreachable' }, 'ProviderFailed', { Kind: 'unreachable' }, [['Provider', 'Kind'], ['Provider'], []]],
    [{ kind: 'fallback', from: 'easyauth', to: 'solapi', reason: 'failed' }, 'FallbackTaken', {}, [['Provider'], []]],
    [{ kind: 'breaker-opened', provider: 'solapi' }, 'BreakerOpened', {}, [['Provider'], []]],
    [{ kind: 'signed-in', provider: 'solapi' }, 'ProviderSignedIn', {}, [['Provider'], []]],
  ] as const)('counts the delivery event %o as %s, per provider and in total', (event, name, extra, dimensions) => {
    const { lines, metrics } = prepare();

    metrics.delivery(event);

    const provider = event.kind === 'fallback' ? event.to : event.provider;
    expect(parsed(lines)[0]).toEqual({
      _aws: expect.objectContaining({
        CloudWatchMetrics: [{ Namespace: 'CognitoSmsOtp/Test', Dimensions: dimensions, Metrics: [{ Name: name, Unit: 'Count' }] }],
      }),
      Provider: provider,
      ...extra,
      [name]: 1,
    });
  });

  it('carries only the namespace, the dimensions named and the values: no other member', () => {
    const { lines, metrics } = prepare();

    metrics.count({ outcome: 'refused', rule: 'budget' });
    metrics.providerCall({ operation: 'check', latencyMs: 3, provider: 'sns' });

    expect(parsed(lines).map((record) => Object.keys(record).sort())).toEqual([
      ['Refused', 'Rule', '_aws'],
      ['Operation', 'Provider', 'ProviderLatency', '_aws'],
    ]);
  });

  it('never fails the caller when the write fails', () => {
    const metrics = new EmfMetrics('N', new FakeClock(), () => {
      throw new Error('EPIPE');
    });

    expect(() => metrics.count({ outcome: 'sent' })).not.toThrow();
  });
});

describe('measuredProvider', () => {
  const phone = '+821012345678' as PhoneNumber;

  it('times each send and counts provider failures, keeping a provider that makes codes here as one', async () => {
    // Prepare
    const metrics = new RecordingMetrics();
    let now = 1000;
    const provider = new RecordingDelivery();
    const measured = measuredProvider(provider, 'sns', metrics, () => (now += 40));

    // Act
    if (measured.kind !== 'made-here') throw new Error('the kind changed');
    await measured.deliver(phone, '123456', noDeadline());
    provider.failing = true;
    await measured.deliver(phone, '123456', noDeadline()).catch(() => undefined);

    // Assess
    expect(provider.sent).toEqual([{ phone, code: '123456' }]);
    expect(metrics.calls).toEqual([
      { operation: 'send', latencyMs: 40, provider: 'sns' },
      { operation: 'send', latencyMs: 40, provider: 'sns' },
    ]);
    expect(metrics.counts).toEqual([{ outcome: 'provider-failure' }]);
    expect(metrics.deliveries).toEqual([
      { kind: 'sent', provider: 'sns', channel: 'sms' },
      { kind: 'failed', provider: 'sns', failure: 'unreachable' },
    ]);
  });

  it('times the start and the check of a provider that keeps its codes, and passes its verdict on', async () => {
    // Prepare
    const metrics = new RecordingMetrics();
    let now = 1000;
    const provider = new KeepingProvider();
    const measured = measuredProvider(provider, 'twilio', metrics, () => (now += 25));

    // Act
    if (measured.kind !== 'kept-by-provider') throw new Error('the kind changed');
    await measured.startVerification(phone, noDeadline());
    const verdict = await measured.checkCode(phone, '000000', noDeadline());
    provider.checkCode = () => Promise.reject(new ProviderTimeoutError('timed out'));
    await measured.checkCode(phone, '100000', noDeadline()).catch(() => undefined);

    // Assess
    expect(verdict).toBe('wrong');
    expect(metrics.calls).toEqual([
      { operation: 'send', latencyMs: 25, provider: 'twilio' },
      { operation: 'check', latencyMs: 25, provider: 'twilio' },
      { operation: 'check', latencyMs: 25, provider: 'twilio' },
    ]);
    expect(metrics.counts).toEqual([{ outcome: 'provider-failure' }]);
    expect(metrics.deliveries).toEqual([
      { kind: 'sent', provider: 'twilio', channel: 'sms' },
      { kind: 'failed', provider: 'twilio', failure: 'timeout' },
    ]);
  });
});
