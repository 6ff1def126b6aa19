import { describe, expect, it } from 'vitest';
import { payloadOf, planApply } from '../share/lab-share';
import { decodeShareHash, encodeShareHash } from '../share/share-link';
import { createLabStore } from './create-lab-store';
import { pickSaved, restore, serialize, STORAGE_KEY } from './persistence';
import { simulateNow } from './main-thread-client';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('the interface language', () => {
  it('starts in English and refuses unknown languages', () => {
    const store = createLabStore();
    expect(store.getState().language).toBe('en');
    store.getState().setLanguage('zh');
    expect(store.getState().language).toBe('zh');
    store.getState().setLanguage('fr' as never);
    expect(store.getState().language).toBe('en');
  });

  it('is saved with the rest of the lab and restored; older saves without it stay English', () => {
    const storage = memoryStorage();
    const a = createLabStore(storage);
    a.getState().setLanguage('zh');
    a.flush();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).language).toBe('zh');
    expect(createLabStore(storage).getState().language).toBe('zh');

    const saved = pickSaved(createLabStore().getState());
    const { language: _omit, ...old } = saved;
    const restored = restore(serialize(old));
    expect(restored.kind).toBe('ok');
    expect(restored.kind === 'ok' && restored.saved.language).toBeUndefined();
    const bad = restore(JSON.stringify({ ...JSON.parse(serialize(saved)), language: 'klingon' }));
    expect(bad.kind === 'ok' && bad.saved.language).toBeUndefined();
  });

  it('travels in a share link, validated, and links without it leave the reader’s choice alone', () => {
    const a = createLabStore();
    a.getState().setLanguage('zh');
    const payload = payloadOf(a.getState());
    expect(payload.lang).toBe('zh');
    const decoded = decodeShareHash(`#${encodeShareHash(payload)}`);
    expect(decoded).toEqual({ kind: 'ok', payload });
    const plan = planApply(payload, simulateNow(payload.scenario));
    expect(plan.ok && plan.patch.language).toBe('zh');

    const { lang: _none, ...withoutLang } = payload;
    const old = planApply(withoutLang, simulateNow(withoutLang.scenario));
    expect(old.ok && 'language' in old.patch).toBe(false);

    const broken = decodeShareHash(`#${encodeShareHash({ ...payload, lang: 'fr' as never })}`);
    expect(broken.kind).toBe('error');
    expect(broken.kind === 'error' && broken.message).toContain('lang');
  });
});
