import { createHmac } from 'node:crypto';

/** A keyed hash (HMAC-SHA-256, base64url) naming a phone or a number range in the table, never the number itself. */
export function keyedHash(secret: Uint8Array, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('base64url');
}

export const phoneKey = (secret: Uint8Array, phone: string): string => `phone#${keyedHash(secret, phone)}`;
