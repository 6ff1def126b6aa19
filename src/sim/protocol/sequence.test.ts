import { describe, expect, test } from 'vitest';
import { INT_MAX } from '../scenario/schema';
import { incrementSequence, inSequence, isNextSequence, lastSequenceOf } from './sequence';
import { NO_SEQUENCE } from './types';

describe('incrementSequence', () => {
  test('adds within range', () => {
    expect(incrementSequence(0, 1)).toBe(1);
    expect(incrementSequence(10, 5)).toBe(15);
    expect(incrementSequence(INT_MAX - 1, 1)).toBe(INT_MAX);
  });
  test('wraps from Int.MAX to 0', () => {
    expect(incrementSequence(INT_MAX, 1)).toBe(0);
    expect(incrementSequence(INT_MAX, 2)).toBe(1);
    expect(incrementSequence(INT_MAX - 1, 3)).toBe(1);
  });
});

describe('lastSequenceOf', () => {
  test('baseSeq + count − 1', () => {
    expect(lastSequenceOf(0, 1)).toBe(0);
    expect(lastSequenceOf(10, 5)).toBe(14);
  });
  test('wraps past Int.MAX', () => {
    expect(lastSequenceOf(INT_MAX, 1)).toBe(INT_MAX);
    expect(lastSequenceOf(INT_MAX, 2)).toBe(0);
    expect(lastSequenceOf(INT_MAX - 1, 4)).toBe(1);
  });
  test('no sequence stays no sequence', () => {
    expect(lastSequenceOf(NO_SEQUENCE, 3)).toBe(NO_SEQUENCE);
  });
});

describe('inSequence (broker)', () => {
  test('next first seq must be last + 1', () => {
    expect(inSequence(4, 5)).toBe(true);
    expect(inSequence(4, 6)).toBe(false);
    expect(inSequence(4, 4)).toBe(false);
    expect(inSequence(4, 0)).toBe(false);
  });
  test('0 follows Int.MAX', () => {
    expect(inSequence(INT_MAX, 0)).toBe(true);
    expect(inSequence(INT_MAX, 1)).toBe(false);
  });
});

describe('isNextSequence (client)', () => {
  test('with nothing acknowledged (−1) the next is 0', () => {
    expect(isNextSequence(NO_SEQUENCE, 0)).toBe(true);
    expect(isNextSequence(NO_SEQUENCE, 1)).toBe(false);
  });
  test('seq right after the last acknowledged', () => {
    expect(isNextSequence(9, 10)).toBe(true);
    expect(isNextSequence(9, 9)).toBe(false);
    expect(isNextSequence(9, 15)).toBe(false);
  });
});
