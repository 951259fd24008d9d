/** DynamoDB's typed attribute values, the few shapes the ledger stores. */
export type AttributeValue = { readonly S: string } | { readonly N: string };
export type Item = Readonly<Record<string, AttributeValue | Record<string, unknown>>>;

export const str = (value: string): AttributeValue => ({ S: value });
export const num = (value: number): AttributeValue => ({ N: String(value) });

export function readString(item: Item | undefined, name: string): string | undefined {
  const value = item?.[name] as { S?: unknown } | undefined;
  return typeof value?.S === 'string' ? value.S : undefined;
}

export function readNumber(item: Item | undefined, name: string): number | undefined {
  const value = item?.[name] as { N?: unknown } | undefined;
  if (typeof value?.N !== 'string') return undefined;
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function asItem(value: unknown): Item | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Item) : undefined;
}
