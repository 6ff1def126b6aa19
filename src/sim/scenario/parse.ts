import { scenarioSchema, SCENARIO_VERSION, type Scenario } from './schema';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** A field path as people write it: `faults.scripted[0].message`, or `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/**
 * Validates untrusted input (a file, a share link, saved state) and fills in defaults.
 * Never throws: every problem comes back as a message that names the field path.
 * @example parseScenario({ version: 1, name: 'x', producer: { acks: 'two' } })
 *   // → { ok: false, errors: ['producer.acks: Invalid option: expected one of "0"|"1"|"all"'] }
 */
export function parseScenario(input: unknown): ParseResult {
  if (typeof input === 'object' && input !== null && 'version' in input) {
    const v = (input as { version: unknown }).version;
    if (typeof v === 'number' && v > SCENARIO_VERSION) {
      return { ok: false, errors: [`version: this file is version ${v}, but this build reads version ${SCENARIO_VERSION}; open it with a newer Exactly-Once Lab`] };
    }
  }
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`) };
}

/** Parses JSON text, reporting a syntax error as clearly as a schema error. */
export function parseScenarioJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`(file): not valid JSON: ${(e as Error).message}`] };
  }
  return parseScenario(data);
}
