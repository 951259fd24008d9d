import { createHmac } from 'node:crypto';

/** A keyed hash (HMAC-SHA-256, base64url) naming a phone or a number range in the table, never the number itself. */
export function keyedHash(secret: Uint8Array, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('base64url');
}

export const phoneKey = (secret: Uint8Array, phone: string): string => `phone#${keyedHash(secret, phone)}`;

/** A keyed hash naming a user of a pool (who answered a code), never the user name itself; JSON keeps the two parts apart. */
export const answererKey = (secret: Uint8Array, by: { readonly poolId: string; readonly userName: string }): string =>
  `user#${keyedHash(secret, `user:${JSON.stringify([by.poolId, by.userName])}`)}`;
