import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { openShareLink } from '../features/share/open-share-link';
import { getPreset } from '../scenarios/presets';
import { payloadOf } from '../share/lab-share';
import { decodeShareHash, encodeShareHash } from '../share/share-link';
import { parseScenarioJson, type InputProblem } from '../sim/scenario/parse';
import { createLabStore } from '../store/create-lab-store';
import { restore, STORAGE_KEY } from '../store/persistence';
import { hasChinese, leftoverEnglish, withoutFieldPaths } from './english-check';
import { problemText, reasonText } from './problems';
import { MemoryStorage } from '../testing/memory-storage';
import { heldSaveText, noticeText } from './notices';

/** Chinese, with no English left but field paths, protocol terms and the input's own values (enum options, ids). */
function expectChinese(text: string, where: string, problems: readonly InputProblem[] = []) {
  let rest = withoutFieldPaths(text);
  for (const p of problems) {
    for (const [name, value] of Object.entries(p.params)) if (name !== 'detail') rest = rest.replaceAll(String(value), '');
  }
  expect(hasChinese(text), `${where}: no Chinese in “${text}”`).toBe(true);
  expect(leftoverEnglish(rest), `${where}: “${text}”`).toEqual([]);
}

const hashOf = (data: unknown) => `#v=1&s=${compressToEncodedURIComponent(JSON.stringify(data))}`;

describe('a broken share link', () => {
  const cases: [string, string, string][] = [
    ['no version', '#s=abc', 'The link has no version (v=…); it may have been cut off or edited.'],
    ['a bad version', '#v=x1&s=abc', 'The link\'s version “x1” is not a version number.'],
    ['a newer version', '#v=2&s=N4Ig', 'This link was made by a newer version (v2); this build reads v1.'],
    ['an old version', '#v=0&s=N4Ig', 'The link\'s version v0 is not one this build reads (v1).'],
    ['no data', '#v=1&s=', 'The link has no data (s=…); it may have been cut off.'],
    ['damaged data', '#v=1&s=@@@', 'The link is damaged: its data could not be decompressed (was it cut off or edited?).'],
    ['data that is not JSON', `#v=1&s=${compressToEncodedURIComponent('{bad')}`, 'The link is damaged: its data is not valid JSON ('],
    [
      'an invalid lab state',
      hashOf({ presetId: 7, scenario: { version: 1, name: 'x', producer: { acks: 'two' }, network: { latencyMs: { min: 9, max: 1 } } }, cursor: -3, theme: 'light' }),
      'The link\'s lab state is not valid: presetId: Invalid input: expected string, received number; cursor: Too small: expected number to be >=0; scenario.producer.acks: Invalid option: expected one of "0"|"1"|"all"; scenario.network.latencyMs.max: max must be at least min.',
    ],
    [
      'more problems than one message lists',
      hashOf({ presetId: 7, scenario: { version: 1, name: '', id: 'A B', seed: -1, producer: { retries: 1.5 }, workload: { messages: 'many' } }, cursor: -3, theme: 'light' }),
      ' (and 1 more).',
    ],
    ['a scenario from a newer build', hashOf({ presetId: 'x', scenario: { version: 5, name: 'x' }, cursor: 0, theme: 'light' }), 'scenario.version: this file is version 5, but this build reads version 3'],
  ];

  for (const [name, hash, english] of cases) {
    it(`with ${name} is explained in Chinese, and in the same English as ever`, () => {
      const decoded = decodeShareHash(hash);
      expect(decoded.kind).toBe('error');
      if (decoded.kind !== 'error') return;
      expect(decoded.message).toContain(english);
      expect(reasonText('en', decoded.reason)).toBe(decoded.message);
      const zh = reasonText('zh', decoded.reason);
      expectChinese(zh, name, decoded.reason.problems);
      expect(zh).not.toContain(english);

      const store = createLabStore();
      expect(openShareLink(store, hash)).toBe(true);
      expect(noticeText(store.getState().notices, 'en')).toContain(decoded.message);
      expect(noticeText(store.getState().notices, 'zh')).toContain(zh);
      expectChinese(noticeText(store.getState().notices, 'zh'), `${name} (notice)`, decoded.reason.problems);
    });
  }

  it('that does not fit this run or these lessons is explained in Chinese too', () => {
    const base = payloadOf(createLabStore().getState());
    const links: [string, string][] = [
      [encodeShareHash({ ...base, cursor: 100_000 }), 'cursor: step 100000 is past the end of this run'],
      [encodeShareHash({ ...base, lesson: { id: 'no-such-lesson', step: 0 } }), 'lesson.id: there is no lesson “no-such-lesson” in this build'],
      [encodeShareHash({ ...base, lesson: { id: 'lost-ack', step: 999 } }), 'lesson.step: lesson “lost-ack” has'],
    ];
    for (const [hash, english] of links) {
      const store = createLabStore();
      openShareLink(store, `#${hash}`);
      expect(noticeText(store.getState().notices, 'en')).toContain(`This share link could not be opened. The link's lab state is not valid: ${english}`);
      const zh = noticeText(store.getState().notices, 'zh');
      expect(zh).toContain('链接中的实验状态无效');
      expectChinese(zh.replaceAll('no-such-lesson', '').replaceAll('lost-ack', ''), english);
    }
  });
});

describe('saved state that is not restored whole', () => {
  const good = getPreset('lost-ack')!.scenario;
  const cases: [string, string, 'partial' | 'unreadable' | 'newer', string[]][] = [
    ['not JSON', '{not json', 'unreadable', ["saved state is not valid JSON (Expected property name or '}' in JSON at position 1 (line 1 column 2))"]],
    ['not an object', '[1]', 'unreadable', ['saved state is not an object']],
    ['a newer build', JSON.stringify({ version: 2, presetId: 3, scenario: good }), 'newer', ['version: expected 1, found 2']],
    ['no version', JSON.stringify({ presetId: 'x', cursor: 0, theme: 'dark', speed: 1 }), 'unreadable', ['version: expected 1, found undefined']],
    [
      'wrong fields',
      JSON.stringify({ version: 1, presetId: 3, cursor: -1, theme: 'neon', speed: 3, scenario: { ...good, seed: -1 } }),
      'partial',
      [
        'scenario.seed: Too small: expected number to be >=0',
        'presetId: expected a string',
        'cursor: expected a whole number ≥ 0',
        'theme: expected one of light, dark, projector',
        'speed: expected one of 0.25, 0.5, 1, 2, 4, 16, 64, 256',
      ],
    ],
  ];

  for (const [name, text, kind, english] of cases) {
    it(`(${name}) is reported in Chinese, and in the same English as ever`, () => {
      const result = restore(text);
      const details = result.kind === 'unreadable' ? result.details : result.kind === 'ok' ? result.dropped : [];
      expect(result.kind === 'ok' ? 'partial' : result.kind === 'unreadable' && result.newer ? 'newer' : result.kind).toBe(kind);
      const problems = details.map((p) => problemText('en', p));
      // The JSON engine's own wording varies between versions; the rest is exact.
      if (name === 'not JSON') expect(problems[0]).toMatch(/^saved state is not valid JSON \(.+\)$/);
      else expect(problems).toEqual(english);
      if (result.kind === 'unreadable') expect(result.problems).toEqual(problems);
      for (const p of details) expectChinese(problemText('zh', p), `${name}: ${p.message}`, [p]);

      const storage = new MemoryStorage();
      storage.setItem(STORAGE_KEY, text);
      const held = createLabStore(storage).getState().heldSave!;
      expect(held.kind).toBe(kind);
      expect(held.text).toBe(text);
      expect(heldSaveText(held, 'en')).toContain(kind === 'newer' ? 'saved format 2; this build reads 1' : problems[0]);
      expect(heldSaveText(held, 'en')).toContain('until you export it to a file or discard it');
      expect(heldSaveText(held, 'zh')).toContain(kind === 'partial' ? '已恢复你保存的实验' : kind === 'newer' ? '更新版本' : '无法读取你保存的实验');
      expectChinese(heldSaveText(held, 'zh'), `${name} (notice)`, details);
    });
  }
});

describe('a bad scenario file', () => {
  it('lists its problems in Chinese, and in the same English as ever', () => {
    const text = JSON.stringify({ version: 1, name: 'Broken', id: 'My Lab', seed: -1, producer: { acks: 'two', 'max.in.flight.requests.per.connection': 11 }, workload: { messages: 'many' }, network: { latencyMs: { min: 9, max: 1 } }, faults: { scripted: [{ kind: 'stall', message: 1 }] } });
    const parsed = parseScenarioJson(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      'id: use lower-case letters, digits and dashes',
      'seed: Too small: expected number to be >=0',
      'producer.acks: Invalid option: expected one of "0"|"1"|"all"',
      'producer.max.in.flight.requests.per.connection: Too big: expected number to be <=10',
      'workload.messages: Invalid input: expected number, received string',
      'network.latencyMs.max: max must be at least min',
      'faults.scripted[0].durationMs: Invalid input: expected number, received undefined',
    ]);
    expect(parsed.problems.map((p) => problemText('en', p))).toEqual(parsed.errors);
    const zh = parsed.problems.map((p) => problemText('zh', p));
    for (const line of zh) expectChinese(line, line);
    expect(zh).toContain('producer.acks：选项无效：应为 "0"|"1"|"all" 之一');
    expect(zh).toContain('network.latencyMs.max：最大值不能小于最小值');
  });

  it('that is not JSON, has a wrong kind of fault, or comes from a newer build is explained in Chinese', () => {
    for (const text of ['{"version": 1,', 'null', JSON.stringify({ version: 4, name: 'x' }), JSON.stringify({ version: 1, name: 'x', faults: { scripted: [{ kind: 'nope' }] } })]) {
      const parsed = parseScenarioJson(text);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problems.map((p) => problemText('en', p))).toEqual(parsed.errors);
      for (const p of parsed.problems) expectChinese(problemText('zh', p), p.message, [p]);
    }
    const syntax = parseScenarioJson('{"version": 1,');
    expect(!syntax.ok && syntax.errors[0]).toMatch(/^\(file\): not valid JSON: /);
  });

  it('with an error reply its acks cannot produce names the fault, in English and Chinese (reference §1.7)', () => {
    const text = JSON.stringify({
      version: 1,
      name: 'x',
      producer: { acks: '1', 'enable.idempotence': false },
      faults: { scripted: [{ kind: 'error-reply', message: 1, error: 'NOT_LEADER_OR_FOLLOWER' }, { kind: 'error-reply', message: 2, error: 'NOT_ENOUGH_REPLICAS' }] },
    });
    const parsed = parseScenarioJson(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(['faults.scripted[1].error: NOT_ENOUGH_REPLICAS is only sent with acks=all, but producer.acks is "1"']);
    expect(parsed.problems.map((p) => problemText('en', p))).toEqual(parsed.errors);
    const zh = problemText('zh', parsed.problems[0]!);
    expectChinese(zh, zh, parsed.problems);
    expect(zh).toBe('faults.scripted[1].error：NOT_ENOUGH_REPLICAS 只会在 acks=all 时出现，但 producer.acks 是 "1"');
    // the same faults with acks=all are fine
    expect(parseScenarioJson(text.replace('"acks":"1"', '"acks":"all"')).ok).toBe(true);
  });
});

describe('new input problems', () => {
  it('a version that is not one, and many unknown keys, read in Chinese too', () => {
    const keys = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`extra${i}`, i]));
    const parsed = parseScenarioJson(JSON.stringify({ version: 1.5, name: 'x', ...keys }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.code)).toEqual(['not-a-version', 'unrecognized_keys']);
    for (const p of parsed.problems) expectChinese(problemText('zh', p), p.message, [p]);
    expect(problemText('zh', parsed.problems[0]!)).toContain('不是版本号');
    expect(problemText('zh', parsed.problems[1]!)).toContain('（另有 3 项）');
  });

  it('a corrupted share link is refused in Chinese too', () => {
    const payload = payloadOf(createLabStore().getState());
    const damaged = `#${encodeShareHash(payload).replace(/&c=[0-9a-f]{8}$/, '&c=0badf00d')}`;
    const r = decodeShareHash(damaged);
    expect(r.kind === 'error' && reasonText('zh', r.reason)).toBe('链接已损坏：其数据与校验和（c=…）不符；是否被截断或改动过？');
  });
});
