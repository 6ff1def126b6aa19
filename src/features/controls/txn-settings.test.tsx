// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { TxnSettings } from './txn-settings';

afterEach(cleanup);

function renderFor(presetId: string, lang: 'en' | 'zh' = 'en') {
  const store = createLabStore();
  store.getState().choosePreset(presetId);
  store.getState().setLanguage(lang);
  render(
    <LabStoreProvider store={store}>
      <TxnSettings />
    </LabStoreProvider>,
  );
  return store;
}

describe('a transactional run’s settings', () => {
  it('word its scripted faults like the other runs’, not as the scenario file’s JSON', () => {
    renderFor('txn-zombie-fencing');
    const list = screen.getByRole('list');
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items).toEqual(['The application stalls in transaction 1 (after its writes) for 400 ms; a replacement starts after 20 ms']);
    expect(items.join('')).not.toMatch(/[{}"]/);
  });

  it('in Chinese too', () => {
    renderFor('txn-zombie-fencing', 'zh');
    expect(screen.getByText('预设故障')).toBeTruthy();
    expect(within(screen.getByRole('list')).getByRole('listitem').textContent).toMatch(/^应用在第 1 个事务中/);
  });

  it('show each setting’s name whole, breakable only after its dots', () => {
    renderFor('txn-zombie-fencing');
    const name = screen.getByText((_, el) => el?.tagName === 'CODE' && el.textContent === 'transaction.partition.verification.enable');
    expect(name.querySelectorAll('wbr')).toHaveLength(3);
  });
});
