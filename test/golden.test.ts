import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { GOLDEN_CASES, GOLDEN_DIR, renderGolden } from './golden';

/**
 * Every preset's trace and outcome, idempotence off and on, against the stored copy. A failure here is a change of
 * behaviour: review the diff, and if it is intended run `npm run golden:update` and commit the new files.
 */
describe('golden traces', () => {
  const dir = fileURLToPath(GOLDEN_DIR);
  for (const c of GOLDEN_CASES) {
    test(c.file, () => {
      const path = dir + c.file;
      expect(existsSync(path), `${c.file} is missing: run npm run golden:update`).toBe(true);
      expect(renderGolden(c)).toBe(readFileSync(path, 'utf8'));
    });
  }
  test('no stale golden files for presets that no longer exist', () => {
    const expected = new Set(GOLDEN_CASES.map((c) => c.file));
    expect(readdirSync(dir).filter((f) => f.endsWith('.json') && !expected.has(f))).toEqual([]);
  });
});
