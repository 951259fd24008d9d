import { appendFile, readFile } from 'node:fs/promises';
import { ProviderRejectedError, ProviderTimeoutError, ProviderUnreachableError } from '../../domain/errors';
import type { PhoneNumber } from '../../domain/phone';
import type { Clock, CodeMadeHere, Deadline } from '../../domain/ports';
import { FAKE_FAILURES, type FakeFailure } from '../../settings/provider-settings';
import type { FakeFailSettings } from '../runtime/provider-config';

/** A `timeout` waits out the deadline, but never longer than this: a fake with no deadline must not hang a test. */
export const FAKE_TIMEOUT_MAX_MS = 5_000;

/**
 * Writes each SMS as one JSON line to the outbox file, or to stderr without one; or fails as told (FAKE_SMS_FAIL, or
 * the mode in FAKE_SMS_FAIL_FILE, read at each send so that a switch flips it while the function runs).
 */
export class FakeSmsOutbox implements CodeMadeHere {
  readonly kind = 'made-here';
  constructor(
    private readonly outbox: string | undefined,
    private readonly clock: Clock,
    private readonly fail: FakeFailSettings = { mode: undefined, file: undefined },
  ) {}

  async deliver(phone: PhoneNumber, code: string, deadline?: Deadline): Promise<void> {
    const mode = await this.failure();
    if (mode !== undefined) await failAs(mode, deadline);
    const line = `${JSON.stringify({ phone, code, at: new Date(this.clock.now()).toISOString() })}\n`;
    if (this.outbox) await appendFile(this.outbox, line);
    else process.stderr.write(`[fake SMS] ${line}`);
  }

  /** The file's mode when it names one, else the setting's; an empty or missing file means the setting alone. */
  private async failure(): Promise<FakeFailure | undefined> {
    if (this.fail.file === undefined) return this.fail.mode;
    const text = (await readFile(this.fail.file, 'utf8').catch(() => '')).trim();
    if (text === '') return this.fail.mode;
    if ((FAKE_FAILURES as readonly string[]).includes(text)) return text as FakeFailure;
    // A word the fake does not know fails closed: as a refusal that names it, never as a send.
    throw new ProviderRejectedError(`fake SMS: ${this.fail.file} holds "${text.slice(0, 20)}": it accepts ${FAKE_FAILURES.join(', ')}, or nothing`);
  }
}

/** Throws what a real provider's adapter throws for that failure; `timeout` first waits for the deadline. */
async function failAs(mode: FakeFailure, deadline: Deadline | undefined): Promise<never> {
  switch (mode) {
    case 'refuse':
      throw new ProviderRejectedError('fake SMS: refused, as told (FAKE_SMS_FAIL=refuse)');
    case 'unreachable':
      throw new ProviderUnreachableError('fake SMS: unreachable, as told (FAKE_SMS_FAIL=unreachable)');
    case 'timeout':
      await waitOut(deadline?.signal(), FAKE_TIMEOUT_MAX_MS);
      throw new ProviderTimeoutError('fake SMS: no answer before the deadline, as told (FAKE_SMS_FAIL=timeout)');
  }
}

function waitOut(signal: AbortSignal | undefined, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, maxMs);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
