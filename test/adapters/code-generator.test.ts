import { describe, expect, it } from 'vitest';
import { generateCode } from '../../src/adapters/hmac-codes';

// Chi-square with 9 degrees of freedom: P(X > 40) ≈ 4e-6, so a fair generator fails this
// about once in 40,000 runs (6 positions), while one that never makes a 9 scores in the thousands.
const CHI_SQUARE_BOUND = 40;

function chiSquare(counts: number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

describe('generateCode, statistically', () => {
  it('makes every digit equally likely in every position over 20,000 codes', () => {
    // Prepare
    const n = 20_000;
    const length = 6;
    const counts = Array.from({ length }, () => new Array<number>(10).fill(0));

    // Act
    const codes = Array.from({ length: n }, () => generateCode(length));
    codes.forEach((code) => [...code].forEach((digit, position) => counts[position]![Number(digit)]!++));

    // Assess
    codes.forEach((code) => expect(code).toMatch(/^[0-9]{6}$/));
    counts.forEach((row) => {
      expect(Math.min(...row)).toBeGreaterThan(0);
      expect(chiSquare(row, n)).toBeLessThan(CHI_SQUARE_BOUND);
    });
  });

  it('keeps leading zeros and exact length for long codes', () => {
    // Act
    const codes = Array.from({ length: 20_000 }, () => generateCode(10));

    // Assess
    expect(codes.every((code) => /^[0-9]{10}$/.test(code))).toBe(true);
    expect(codes.filter((code) => code.startsWith('0')).length).toBeGreaterThan(1_500);
  });

  it('would catch a generator that never makes a 9', () => {
    // Prepare
    const counts = [2222, 2222, 2222, 2222, 2222, 2222, 2222, 2222, 2224, 0];

    // Act and assess
    expect(chiSquare(counts, 20_000)).toBeGreaterThan(CHI_SQUARE_BOUND);
  });
});
