import { describe, expect, it } from 'vitest';
import { EmfMetrics, RecordingMetrics } from '../../../src/adapters/metrics/emf-metrics';
import { MeasuredProvider } from '../../../src/adapters/metrics/measured-provider';
import { ProviderTimeoutError } from '../../../src/domain/errors';
import { FakeClock, noDeadline, RecordingProvider } from '../../support/fakes';

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

    metrics.providerCall({ operation: 'send', latencyMs: 152.4 });

    expect(parsed(lines)[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Dimensions: [['Operation'], []], Metrics: [{ Name: 'ProviderLatency', Unit: 'Milliseconds' }] }] },
      Operation: 'send',
      ProviderLatency: 152,
    });
  });

  it('carries only the namespace, the dimensions named and the values: no other member', () => {
    const { lines, metrics } = prepare();

    metrics.count({ outcome: 'refused', rule: 'budget' });
    metrics.providerCall({ operation: 'check', latencyMs: 3 });

    expect(parsed(lines).map((record) => Object.keys(record).sort())).toEqual([
      ['Refused', 'Rule', '_aws'],
      ['Operation', 'ProviderLatency', '_aws'],
    ]);
  });

  it('never fails the caller when the write fails', () => {
    const metrics = new EmfMetrics('N', new FakeClock(), () => {
      throw new Error('EPIPE');
    });

    expect(() => metrics.count({ outcome: 'sent' })).not.toThrow();
  });
});

describe('MeasuredProvider', () => {
  it('times each call and counts provider failures', async () => {
    // Prepare
    const metrics = new RecordingMetrics();
    let now = 1000;
    const provider = new RecordingProvider();
    const measured = new MeasuredProvider(provider, metrics, () => (now += 40));
    const request = { userId: 'u', phone: '+821012345678' as never, issuedAt: 0 };

    // Act
    await measured.sendCode(request, noDeadline());
    provider.sendCode = () => Promise.reject(new ProviderTimeoutError('timed out'));
    await measured.sendCode(request, noDeadline()).catch(() => undefined);

    // Assess
    expect(metrics.calls).toEqual([
      { operation: 'send', latencyMs: 40 },
      { operation: 'send', latencyMs: 40 },
    ]);
    expect(metrics.counts).toEqual([{ outcome: 'provider-failure' }]);
  });
});
