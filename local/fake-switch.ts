import { readFile, writeFile } from 'node:fs/promises';
import { FAKE_FAILURES, type FakeFailure } from '../src/settings/provider-settings';

/** What the demo page's switch shows and sets: the fake works, or fails one of FAKE_SMS_FAIL's ways. */
export type FakeMode = FakeFailure | 'works';
export const FAKE_MODES: readonly FakeMode[] = ['works', ...FAKE_FAILURES];

/**
 * The fake provider's failure switch: the file named by FAKE_SMS_FAIL_FILE, which the fake reads at each send, so
 * the running function changes without a restart. The playground owns the file; the function only reads it.
 */
export class FakeSwitch {
  constructor(readonly file: string) {}

  async mode(): Promise<FakeMode> {
    const text = (await readFile(this.file, 'utf8').catch(() => '')).trim();
    return (FAKE_MODES as readonly string[]).includes(text) && text !== '' ? (text as FakeMode) : 'works';
  }

  /** `works` empties the file: the fake then follows FAKE_SMS_FAIL, unset in the playground unless you set it. */
  async set(mode: FakeMode): Promise<void> {
    await writeFile(this.file, mode === 'works' ? '' : `${mode}\n`);
  }
}

export const isFakeMode = (value: unknown): value is FakeMode => typeof value === 'string' && (FAKE_MODES as readonly string[]).includes(value);
