/** Digits from any keyboard and any paste: full-width ones (０-９) become ASCII, spaces and hyphens go (`123 456`). */
export function codeFromTyped(text: string, length: number | undefined): string {
  const digits = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
  return length ? digits.slice(0, length) : digits;
}
