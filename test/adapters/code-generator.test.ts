import { describe, expect, it } from 'vitest';
import { HmacCodeForge } from '../../src/adapters/providers/hmac-codes';
import type { CodeForge } from '../../src/domain/ports';

// Chi-square with 9 degrees of freedom: P(X > 40) ≈ 7.6e-6, so a fair generator fails this file
// about once in 8,000 runs (16 positions), while one that never makes a 9 scores in the thousands.
const CHI_SQUARE_BOUND = 40;
const CODES = 20_000;

/** The code generator the container binds (src/container.ts), as Create calls it. */
const forge: CodeForge = new HmacCodeForge(new Uint8Array(32).fill(7));

/** Makes `CODES` codes of `length` digits with `newCode` and scores each position's digit counts by chi-square against uniform. */
function chiSquarePerPosition(newCode: (length: number) => string, length: number): number[] {
  const counts = Array.from({ length }, () => new Array<number>(10).fill(0));
  for (let i = 0; i < CODES; i++) {
    const code = newCode(length);
    expect(code).toMatch(new RegExp(`^[0-9]{${length}}$`));
    [...code].forEach((digit, position) => counts[position]![Number(digit)]!++);
  }
  const expected = CODES / 10;
  return counts.map((row) => row.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0));
}

describe('the code generator, statistically', () => {
  // 6 digits is one random block; 10 digits is two (6 + 4), so the joint between blocks is covered too.
  it.each([6, 10])('makes every digit equally likely in every position over 20,000 codes of %i digits', (length) => {
    // Act
    const scores = chiSquarePerPosition((n) => forge.newCode(n), length);

    // Assess
    expect(scores).toHaveLength(length);
    for (const score of scores) expect(score).toBeLessThan(CHI_SQUARE_BOUND);
  });

  it('keeps leading zeros and exact length for long codes', () => {
    // Act
    const codes = Array.from({ length: CODES }, () => forge.newCode(10));

    // Assess
    expect(codes.every((code) => /^[0-9]{10}$/.test(code))).toBe(true);
    expect(codes.filter((code) => code.startsWith('0')).length).toBeGreaterThan(1_500);
  });

  it('would catch a generator that never makes a 9, by the same check', () => {
    // Prepare: the real generator, its 9s turned into 8s.
    const neverNine = (length: number) => forge.newCode(length).replaceAll('9', '8');

    // Act
    const scores = chiSquarePerPosition(neverNine, 6);

    // Assess
    for (const score of scores) expect(score).toBeGreaterThan(CHI_SQUARE_BOUND);
  });
});
