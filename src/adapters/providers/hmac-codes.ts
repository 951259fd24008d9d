import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { PhoneNumber } from '../../domain/phone';
import { maskPhone } from '../../domain/phone';
import type { CodeForge, StandIn } from '../../domain/ports';

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
 * HMAC-SHA-256 of the code, bound to the E.164 number it was sent to and to the ledger's id for it, base64url.
 * The number is in it so that a code sent to one phone cannot prove another: if `phone_number` changes
 * between Create and Verify, the right code for the old number no longer matches.
 */
export function codeProof(secret: Uint8Array, phone: PhoneNumber, codeId: string, code: string): string {
  return createHmac('sha256', secret).update(`code\n${phone}\n${codeId}\n${code}`).digest('base64url');
}

/**
 * Makes codes and proofs under OTP_HMAC_SECRET, and the stand-in number for an unknown user: derived from an HMAC
 * of the user name, so it is the same on every instance and round, and tells nothing without the secret.
 */
export class HmacCodeForge implements CodeForge {
  constructor(private readonly secret: Uint8Array) {}

  newCode(length: number): string {
    return generateCode(length);
  }

  newCodeId(): string {
    return randomUUID();
  }

  proof(phone: PhoneNumber, codeId: string, code: string): string {
    return codeProof(this.secret, phone, codeId, code);
  }

  decoyProof(): string {
    return randomBytes(32).toString('base64url');
  }

  standIn(userName: string): StandIn {
    const digest = createHmac('sha256', this.secret).update(`stand-in\n${userName}`).digest();
    const digits = (count: number, from: number) => Array.from({ length: count }, (_, i) => String(digest[from + i]! % 10)).join('');
    // The masked number a Korean mobile number shows; +999 is an unassigned country code, so the ledger key is no real phone's.
    return { ledgerPhone: `+999${digits(12, 0)}` as PhoneNumber, maskedPhone: maskPhone(`+8210${digits(8, 12)}` as PhoneNumber, '82') };
  }
}
