import { parseScenario } from '../scenario/parse';
import type { ProducerConfig, Scenario, ScenarioInput } from '../scenario/schema';
import { producerConfigSchema } from '../scenario/schema';

/** Builds a scenario from a partial description, with every default filled in; throws on invalid input. */
export function scenario(input: Omit<ScenarioInput, 'version' | 'name'> & { name?: string }): Scenario {
  const r = parseScenario({ version: 1, name: 'test', ...input });
  if (!r.ok) throw new Error(`invalid test scenario: ${r.errors.join('; ')}`);
  return r.scenario;
}

/** A producer config with defaults, overridden by `over`. */
export function producerConfig(over: Partial<ProducerConfig> = {}): ProducerConfig {
  return { ...producerConfigSchema.parse({}), ...over };
}
