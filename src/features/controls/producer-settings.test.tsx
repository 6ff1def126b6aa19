// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../../sim/testing/scenario';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { IdempotenceSwitch } from './idempotence-switch';
import { KafkaVersionTag } from './kafka-version-select';
import { ProducerSettings } from './producer-settings';

afterEach(cleanup);

/** The lab on a scenario that leaves every producer setting to Kafka's defaults: the stage's switch and the settings. */
function renderSettings() {
  const store = createLabStore();
  store.getState().loadScenario(scenario({}));
  render(
    <LabStoreProvider store={store}>
      <IdempotenceSwitch />
      <ProducerSettings />
    </LabStoreProvider>,
  );
  return store;
}

describe('producer settings: enable.idempotence unset vs set (reference §4)', () => {
  it('unset shows Kafka’s default; acks=1 then turns idempotence off and the hint says why; the switch sets it explicitly', () => {
    const store = renderSettings();
    const idempotence = screen.getByRole('switch', { name: 'Idempotence' }) as HTMLInputElement;
    expect('enable.idempotence' in store.getState().scenario.producer).toBe(false);
    expect(idempotence.checked).toBe(true);
    expect(screen.getByText('enable.idempotence not set: Kafka’s default, true')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('acks'), { target: { value: '1' } });
    expect(idempotence.checked).toBe(false);
    expect(screen.getByText(/enable\.idempotence is not set and acks is 1, so the producer turns idempotence off/)).toBeTruthy();
    expect(store.getState().trace.configError).toBeNull();
    // switching it on sets it explicitly: now Kafka refuses acks=1
    fireEvent.click(idempotence);
    expect(store.getState().scenario.producer['enable.idempotence']).toBe(true);
    expect(store.getState().trace.configError).toBe('idempotence-acks');
    expect(screen.getByText('enable.idempotence = true')).toBeTruthy();
    // and a real button puts it back to unset
    fireEvent.click(screen.getByRole('button', { name: 'Kafka’s default' }));
    expect('enable.idempotence' in store.getState().scenario.producer).toBe(false);
    expect(store.getState().trace.configError).toBeNull();
  });

  it('delivery.timeout.ms unset shows the value in effect, raised with Kafka’s warning when request.timeout.ms needs it', () => {
    const store = renderSettings();
    const delivery = screen.getByLabelText('delivery.timeout.ms') as HTMLInputElement;
    expect(delivery.value).toBe('120000');
    expect(screen.getByText('not set: Kafka’s default')).toBeTruthy();
    const request = screen.getByLabelText('request.timeout.ms');
    fireEvent.change(request, { target: { value: '200000' } });
    fireEvent.keyDown(request, { key: 'Enter' });
    expect(store.getState().trace.configError).toBeNull();
    expect((screen.getByLabelText('delivery.timeout.ms') as HTMLInputElement).value).toBe(String(200000 + (store.getState().scenario.producer['linger.ms'] ?? 5)));
    expect(screen.getByText(/^delivery\.timeout\.ms should be equal to or larger than linger\.ms \+ request\.timeout\.ms\. Setting it to/)).toBeTruthy();
  });
});

describe('the Kafka version lens in the settings', () => {
  it('choosing 3.0.0 turns the unset idempotence off and linger.ms to 0; the stage names the version; older ones say they are partly modelled', () => {
    const store = createLabStore();
    store.getState().loadScenario(scenario({}));
    render(
      <LabStoreProvider store={store}>
        <KafkaVersionTag />
        <IdempotenceSwitch />
        <ProducerSettings />
      </LabStoreProvider>,
    );
    expect(screen.getByText('Kafka 4.0')).toBeTruthy();
    expect((screen.getByLabelText('linger.ms') as HTMLInputElement).value).toBe('5');
    expect(screen.getByText('client and broker alike')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Kafka version'), { target: { value: '3.0.0' } });
    expect(store.getState().scenario.kafkaVersion).toBe('3.0.0');
    expect(screen.getByText('Kafka 3.0.0')).toBeTruthy();
    expect((screen.getByRole('switch', { name: 'Idempotence' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('enable.idempotence not set: Kafka’s default, false')).toBeTruthy();
    expect((screen.getByLabelText('linger.ms') as HTMLInputElement).value).toBe('0');
    expect(screen.getByText('not set: Kafka 3.0.0’s default')).toBeTruthy();
    expect(screen.getByText(/modelled in part/)).toBeTruthy();
  });
});
