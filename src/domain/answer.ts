/**
 * What a user typed, made comparable with a code. Pure. Phone keyboards in some locales type
 * full-width (１２３) or their own script's digits (١٢٣, १२३); those are the same code, so they are
 * read as ASCII digits before any check, and cost no attempt as "malformed".
 */

const DECIMAL_DIGIT = /\p{Nd}/u;
const DECIMAL_DIGITS = /\p{Nd}/gu;
/** The longest run of adjacent decimal digits in Unicode is five sets of ten (the mathematical digits). */
const LONGEST_DIGIT_RUN = 50;

/**
 * The value of one decimal digit (Unicode general category Nd). Unicode keeps every such digit in a run
 * of ten, 0 to 9 in code point order, and adjacent runs start on a zero, so the value is the distance
 * from the start of its run, modulo ten.
 */
function digitValue(digit: string): number {
  const codePoint = digit.codePointAt(0) ?? 0;
  let start = codePoint;
  for (let step = 0; step < LONGEST_DIGIT_RUN && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1)); step++) start--;
  return (codePoint - start) % 10;
}

/** Every Unicode decimal digit becomes its ASCII digit; everything else is kept as it is. */
export function asciiDigits(text: string): string {
  return text.replace(DECIMAL_DIGITS, (digit) => String(digitValue(digit)));
}

/**
 * The longest answer read at all (UTF-16 units): each digit may take two (a digit outside the BMP) and one separator
 * after it, with room for padding. A longer one is malformed before any work on it: normalising a 4 MB answer took
 * seconds of CPU.
 */
export const maxAnswerLength = (codeLength: number): number => 3 * codeLength + 16;

/**
 * Users type codes as "123 456", "123-456" or in another script's digits; the code itself is ASCII digits only.
 * Undefined for an answer too long to be a code (checked first, see `maxAnswerLength`).
 */
export function normalizeAnswer(answer: string, codeLength: number): string | undefined {
  if (answer.length > maxAnswerLength(codeLength)) return undefined;
  return asciiDigits(answer.trim().replace(/[\s-]/g, ''));
}

export function isWellFormed(answer: string, codeLength: number): boolean {
  return answer.length === codeLength && /^[0-9]+$/.test(answer);
}
