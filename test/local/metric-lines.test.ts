import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hideMetricLines } from '../../local/metric-lines';
import { showsMetricLines } from '../../local/settings';
import { EmfMetrics } from '../../src/adapters/metrics/emf-metrics';
import { FakeClock } from '../support/fakes';

/** A stream that keeps what reaches it. */
function terminal() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }) as unknown as NodeJS.WriteStream;
  return { lines, stream };
}

describe("npm start's metric lines", () => {
  it("drops the handler's EMF lines and lets the codes and notices through, until undone", () => {
    // Prepare
    const { lines, stream } = terminal();
    const metrics = new EmfMetrics('CognitoSmsOtp/Local', new FakeClock(), (line) => stream.write(line));
    const undo = hideMetricLines(stream);

    // Act
    metrics.count({ outcome: 'sent' });
    stream.write('local fake SMS to +82 10 5550 1234: code 042917\n');
    undo();
    metrics.count({ outcome: 'sent' });

    // Assess
    expect(lines[0]).toBe('local fake SMS to +82 10 5550 1234: code 042917\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '')).toHaveProperty('_aws');
  });

  it('prints them when PLAYGROUND_METRICS=true, and hides them otherwise', () => {
    expect([showsMetricLines({ PLAYGROUND_METRICS: 'true' }), showsMetricLines({}), showsMetricLines({ PLAYGROUND_METRICS: '' })]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
