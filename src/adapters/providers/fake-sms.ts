import { appendFile } from 'node:fs/promises';
import type { PhoneNumber } from '../../domain/phone';
import type { Clock, CodeMadeHere } from '../../domain/ports';

/** Writes each SMS as one JSON line to the outbox file, or to stderr without one. */
export class FakeSmsOutbox implements CodeMadeHere {
  readonly kind = 'made-here';
  constructor(
    private readonly outbox: string | undefined,
    private readonly clock: Clock,
  ) {}

  async deliver(phone: PhoneNumber, code: string): Promise<void> {
    const line = `${JSON.stringify({ phone, code, at: new Date(this.clock.now()).toISOString() })}\n`;
    if (this.outbox) await appendFile(this.outbox, line);
    else process.stderr.write(`[fake SMS] ${line}`);
  }
}
