import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { CodeCheck, CodeRequest, Deadline, OtpProvider } from '../domain/ports';
import type { PhoneNumber } from '../domain/phone';

/** How a code made here reaches the phone: Amazon SNS, or the fake outbox. */
export interface CodeDelivery {
  deliver(phone: PhoneNumber, code: string, deadline: Deadline): Promise<void>;
}

/** Uniform over all 10^length codes, leading zeros kept. */
export function generateCode(length: number): string {
  // randomInt takes ranges up to 2^48, so a long code is made from 6-digit blocks.
  let code = '';
  while (code.length < length) {
    const block = Math.min(6, length - code.length);
    code += randomInt(0, 10 ** block)
      .toString()
      .padStart(block, '0');
  }
  return code;
}

/**
 * HMAC-SHA-256 of the code, bound to the user, the E.164 number it was sent to and the issue time, base64url.
 * The number is in it so that a code sent to one phone cannot prove another: if `phone_number` changes
 * between Create and Verify, the right code for the old number no longer matches.
 */
export function codeProof(secret: Uint8Array, request: CodeRequest, code: string): string {
  return createHmac('sha256', secret).update(`${request.userId}\n${request.phone}\n${request.issuedAt}\n${code}`).digest('base64url');
}

export function proofMatches(secret: Uint8Array, check: CodeCheck): boolean {
  const expected = Buffer.from(codeProof(secret, check, check.code));
  const given = Buffer.from(check.proof);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A provider whose codes are made and checked in the function by HMAC (the `sns` and `fake` providers). Only a keyed hash
 * travels in the Cognito session, so Create and Verify may run in different processes.
 */
export class HmacCodeProvider implements OtpProvider {
  constructor(
    private readonly secret: Uint8Array,
    private readonly codeLength: number,
    private readonly delivery: CodeDelivery,
  ) {}

  async sendCode(request: CodeRequest, deadline: Deadline): Promise<string> {
    const code = generateCode(this.codeLength);
    await this.delivery.deliver(request.phone, code, deadline);
    return codeProof(this.secret, request, code);
  }

  async checkCode(check: CodeCheck): Promise<boolean> {
    return proofMatches(this.secret, check);
  }
}
