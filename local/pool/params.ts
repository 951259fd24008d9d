import { invalidParameter } from './cognito-error';
import type { AttributeType } from './user-store';

export type Body = Record<string, unknown>;

const camel = (name: string): string => name[0]!.toLowerCase() + name.slice(1);

/** A required string member, refused in the service's own words when missing. */
export function required(body: Body, name: string): string {
  const value = body[name];
  if (typeof value === 'string' && value !== '') return value;
  throw invalidParameter(`1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`);
}

/** A string-to-string map member such as `AuthParameters` or `ClientMetadata`. */
export function stringMap(body: Body, name: string): Record<string, string> | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) {
    return value as Record<string, string>;
  }
  throw invalidParameter(`${name} must be a map of strings`);
}

/** A `[{Name, Value}]` list member such as `UserAttributes`. */
export function attributeList(body: Body, name: string): AttributeType[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((a) => typeof a?.Name === 'string' && (a.Value === undefined || typeof a.Value === 'string'))) {
    return value as AttributeType[];
  }
  throw invalidParameter(`${name} must be a list of {Name, Value} with string values`);
}

/** A required entry of a parameter map, e.g. `AuthParameters.USERNAME`. */
export function requiredEntry(map: Record<string, string> | undefined, key: string): string {
  const value = map?.[key];
  if (value) return value;
  throw invalidParameter(`Missing required parameter ${key}`);
}
