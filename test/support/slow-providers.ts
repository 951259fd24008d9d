import type { PhoneNumber } from '../../src/domain/phone';
import type { ProviderCheck } from '../../src/domain/ports';
import { KeepingProvider } from './fakes';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A provider that keeps its codes and takes `delayMs` for each send and each check, as a real SMS API would. */
export class SlowKeepingProvider extends KeepingProvider {
  constructor(private readonly delayMs: number) {
    super();
  }
  override async startVerification(phone: PhoneNumber): Promise<void> {
    await pause(this.delayMs);
    return super.startVerification(phone);
  }
  override async checkCode(phone: PhoneNumber, code: string): Promise<ProviderCheck> {
    await pause(this.delayMs);
    return super.checkCode(phone, code);
  }
}
