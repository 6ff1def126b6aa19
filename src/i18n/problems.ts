import type { InputProblem } from '../sim/scenario/parse';
import { en, type MessageKey } from './en';
import type { Lang } from './lang';
import { t, type Params } from './t';

/**
 * Renders the problems found in untrusted input (scenario files, share links, saved state) in a language.
 * English is always the producer's own text, byte for byte; other languages are built from the problem's code and
 * details. Field paths and Kafka names stay as written.
 */

/** Why a share link or saved state was refused: a catalogue key with its details, and the field problems if any. */
export interface Reason {
  key: MessageKey;
  params?: Params;
  problems?: InputProblem[];
}

/** Problems from the app's own checks: the code is the catalogue key, so the English is the catalogue's. */
export function appProblem(path: string, key: MessageKey, params: Params = {}): InputProblem {
  return { path, code: key, params, message: t('en', key, params) };
}

/** The problems of something nested under `prefix` (`scenario.producer.acks`; the root becomes `scenario`). */
export function nestedProblems(prefix: string, problems: readonly InputProblem[]): InputProblem[] {
  return problems.map((p) => ({ ...p, path: p.path === '(root)' ? prefix : `${prefix}.${p.path}` }));
}

/** Messages that the schema writes itself (zod reports them as given). */
const SCHEMA_MESSAGES: Record<string, MessageKey> = {
  'max must be at least min': 'zod.maxBelowMin',
  'use lower-case letters, digits and dashes': 'zod.idChars',
};

const isKey = (code: string): code is MessageKey => Object.hasOwn(en, code);

function typeName(lang: Lang, type: unknown): string {
  const key = `zodType.${String(type)}`;
  return isKey(key) ? t(lang, key) : String(type);
}

/** A JSON parser's complaint, in `lang`: the engine's own words are English, so other languages get the position. */
function jsonDetail(lang: Lang, params: Readonly<Record<string, unknown>>): string {
  if (lang === 'en') return String(params.detail ?? '');
  return typeof params.position === 'number' ? t(lang, 'problem.jsonPosition', { position: params.position }) : t(lang, 'problem.jsonSyntax');
}

/** A JSON error text's position, if the engine gave one. */
export function jsonPosition(detail: string): Params {
  const position = /position (\d+)/.exec(detail)?.[1];
  return position ? { detail, position: Number(position) } : { detail };
}

function sized(lang: Lang, base: 'zod.tooBig' | 'zod.tooSmall', p: InputProblem): string {
  const origin = p.params.origin;
  const kind = origin === 'string' || origin === 'array' ? origin : 'number';
  const big = base === 'zod.tooBig';
  const op = p.params.exact === 'true' ? '=' : p.params.inclusive === 'false' ? (big ? '<' : '>') : big ? '≤' : '≥';
  return t(lang, `${base}.${kind}`, { op, limit: (big ? p.params.maximum : p.params.minimum) ?? '' });
}

/** What is wrong, without the path. */
export function problemReason(lang: Lang, p: InputProblem): string {
  if (lang === 'en') return p.message;
  const custom = SCHEMA_MESSAGES[p.message];
  if (custom) return t(lang, custom);
  switch (p.code) {
    case 'too-new-version':
      return t(lang, 'problem.tooNewVersion', p.params);
    case 'not-a-version':
      return t(lang, 'problem.notAVersion', p.params);
    case 'not-json':
      return t(lang, 'problem.notJson', { detail: jsonDetail(lang, p.params) });
    case 'problem.expectedVersion':
      return t(lang, 'problem.expectedVersion', { ...p.params, found: p.params.found === 'undefined' ? typeName(lang, 'undefined') : (p.params.found ?? '') });
    case 'problem.savedJson':
      return t(lang, 'problem.savedJson', { detail: jsonDetail(lang, p.params) });
    case 'invalid_type':
      return t(lang, 'zod.invalidType', { expected: typeName(lang, p.params.expected), received: typeName(lang, p.params.received) });
    case 'invalid_value':
      return t(lang, p.params.count === 1 ? 'zod.invalidValue' : 'zod.invalidOption', { values: p.params.values ?? '' });
    case 'too_big':
      return sized(lang, 'zod.tooBig', p);
    case 'too_small':
      return sized(lang, 'zod.tooSmall', p);
    case 'invalid_format':
      return t(lang, 'zod.format');
    case 'unrecognized_keys':
      return t(lang, 'zod.unrecognizedKeys', { keys: p.params.keys ?? '' }) + (typeof p.params.more === 'number' ? t(lang, 'notice.more', { n: p.params.more }) : '');
    case 'invalid_union':
      if (typeof p.params.count === 'number' && p.params.options) return t(lang, 'zod.discriminator.closest', { options: p.params.options, count: p.params.count });
      return p.params.options ? t(lang, 'zod.discriminator', { options: p.params.options }) : t(lang, 'zod.invalid');
    default:
      return isKey(p.code) ? t(lang, p.code, p.params) : t(lang, 'zod.invalid');
  }
}

function pathText(lang: Lang, path: string): string {
  if (path === '(root)') return t(lang, 'problem.root');
  if (path === '(file)') return t(lang, 'problem.file');
  return path;
}

/** One problem as a line: `producer.acks: Invalid option…` (English exactly as the parser wrote it). */
export function problemText(lang: Lang, p: InputProblem): string {
  const reason = problemReason(lang, p);
  if (!p.path) return reason;
  return lang === 'en' ? `${p.path}: ${reason}` : `${pathText(lang, p.path)}：${reason}`;
}

/** Several problems in one sentence, the first `limit` of them and how many more. */
export function problemList(lang: Lang, problems: readonly InputProblem[], limit: number): { list: string; more: string } {
  const list = problems
    .slice(0, limit)
    .map((p) => problemText(lang, p))
    .join(lang === 'en' ? '; ' : '；');
  const extra = problems.length - limit;
  return { list, more: extra > 0 ? t(lang, 'notice.more', { n: extra }) : '' };
}

/** A refusal (of a share link or saved state) in `lang`. */
export function reasonText(lang: Lang, reason: Reason, limit = 6): string {
  const params = reason.params && 'detail' in reason.params ? { ...reason.params, detail: jsonDetail(lang, reason.params) } : reason.params;
  if (!reason.problems) return t(lang, reason.key, params);
  return t(lang, reason.key, { ...params, ...problemList(lang, reason.problems, limit) });
}
