// Regenerates the golden traces in test/golden/ on purpose, after a reviewed change of behaviour.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GOLDEN_CASES, GOLDEN_DIR, renderGolden } from '../test/golden';

const dir = fileURLToPath(GOLDEN_DIR);
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(dir + f);
for (const c of GOLDEN_CASES) writeFileSync(dir + c.file, renderGolden(c));
console.log(`wrote ${GOLDEN_CASES.length} golden traces to test/golden/; review them with git diff before committing`);
