import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSmsOutbox } from '../../src/adapters/providers/fake-sms';
import { ProviderRejectedError, ProviderTimeoutError, ProviderUnreachableError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { PHONE } from '../support/events';
import { deadlineIn, FakeClock, noDeadline } from '../support/fakes';

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

  const tempFile = async (name: string) => join(await mkdtemp(join(tmpdir(), 'fake-fail-')), name);

  it.each([
    ['refuse', ProviderRejectedError],
    ['unreachable', ProviderUnreachableError],
  ] as const)('fails as told (%s), with the error a real adapter throws, and writes no SMS', async (mode, error) => {
    // Prepare
    const outbox = await tempFile('sms.jsonl');
    const delivery = new FakeSmsOutbox(outbox, new FakeClock(), { mode, file: undefined });

    // Act
    const sent = delivery.deliver(PHONE as PhoneNumber, '012345', noDeadline());

    // Assess
    await expect(sent).rejects.toBeInstanceOf(error);
    await expect(readFile(outbox, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('times out by waiting out the deadline, then throws a timeout', async () => {
    // Prepare
    const delivery = new FakeSmsOutbox(await tempFile('sms.jsonl'), new FakeClock(), { mode: 'timeout', file: undefined });
    const started = performance.now();

    // Act
    const sent = delivery.deliver(PHONE as PhoneNumber, '012345', deadlineIn(150));

    // Assess
    await expect(sent).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("reads the file's mode at each send, so a switch flips it while it runs; empty means it sends", async () => {
    // Prepare
    const outbox = await tempFile('sms.jsonl');
    const file = await tempFile('fail');
    const delivery = new FakeSmsOutbox(outbox, new FakeClock(), { mode: undefined, file });

    // Act
    const missing = await delivery.deliver(PHONE as PhoneNumber, '111111', noDeadline()).then(() => 'sent');
    await writeFile(file, 'unreachable\n');
    const told = await delivery.deliver(PHONE as PhoneNumber, '222222', noDeadline()).catch((error: unknown) => error);
    await writeFile(file, '');
    const emptied = await delivery.deliver(PHONE as PhoneNumber, '333333', noDeadline()).then(() => 'sent');
    await writeFile(file, 'explode');
    const unknown = await delivery.deliver(PHONE as PhoneNumber, '444444', noDeadline()).catch((error: unknown) => error);

    // Assess
    expect([missing, emptied]).toEqual(['sent', 'sent']);
    expect(told).toBeInstanceOf(ProviderUnreachableError);
    expect(unknown).toBeInstanceOf(ProviderRejectedError);
    expect(String(unknown)).toMatch(/holds "explode": it accepts refuse, unreachable, timeout, or nothing/);
    const codes = (await readFile(outbox, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { code: string }).code);
    expect(codes).toEqual(['111111', '333333']);
  });

  it('lets the file override FAKE_SMS_FAIL only when it names a mode', async () => {
    // Prepare
    const file = await tempFile('fail');
    await writeFile(file, 'refuse');
    const delivery = new FakeSmsOutbox(await tempFile('sms.jsonl'), new FakeClock(), { mode: 'unreachable', file });

    // Act
    const overridden = await delivery.deliver(PHONE as PhoneNumber, '012345', noDeadline()).catch((error: unknown) => error);
    await writeFile(file, '');
    const setting = await delivery.deliver(PHONE as PhoneNumber, '012345', noDeadline()).catch((error: unknown) => error);

    // Assess
    expect(overridden).toBeInstanceOf(ProviderRejectedError);
    expect(setting).toBeInstanceOf(ProviderUnreachableError);
  });
});
