import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSmsOutbox } from '../../src/adapters/providers/fake-sms';
import type { PhoneNumber } from '../../src/domain/phone';
import { PHONE } from '../support/events';
import { FakeClock } from '../support/fakes';

describe('FakeSmsOutbox', () => {
  afterEach(() => vi.restoreAllMocks());

  it('appends one JSON line per SMS to the outbox file', async () => {
    // Prepare
    const outbox = join(await mkdtemp(join(tmpdir(), 'outbox-')), 'sms.jsonl');
    const clock = new FakeClock();
    const delivery = new FakeSmsOutbox(outbox, clock);

    // Act
    await delivery.deliver(PHONE as PhoneNumber, '012345');
    clock.advance(1);
    await delivery.deliver(PHONE as PhoneNumber, '999999');

    // Assess
    const lines = (await readFile(outbox, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { phone: PHONE, code: '012345', at: '2026-11-24T10:00:00.000Z' },
      { phone: PHONE, code: '999999', at: '2026-11-24T10:00:01.000Z' },
    ]);
  });

  it('prints the line to stderr without an outbox', async () => {
    // Prepare
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // Act
    await new FakeSmsOutbox(undefined, new FakeClock()).deliver(PHONE as PhoneNumber, '012345');

    // Assess
    expect(write).toHaveBeenCalledWith(`[fake SMS] {"phone":"${PHONE}","code":"012345","at":"2026-11-24T10:00:00.000Z"}\n`);
  });
});
