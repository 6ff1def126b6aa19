import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import * as z from 'zod/mini';
import { parseScenario, problemsOf } from '../sim/scenario/parse';
import type { Scenario } from '../sim/scenario/schema';
import { LANGS, type Lang } from '../i18n/lang';
import { jsonPosition, nestedProblems, reasonText, type Reason } from '../i18n/problems';
import { THEMES, type Theme } from '../store/lab-state';
import { crc32Hex } from './checksum';
import { sameData } from '../scenarios/changed';
import { getPreset } from '../scenarios/presets';

/** Version of the share-link payload this build writes and reads. */
export const SHARE_VERSION = 1;
/** Links longer than this may be cut off by chat apps, mail clients and some browsers. */
export const MAX_LINK_LENGTH = 2000;

/** Everything a share link restores. */
export interface SharePayload {
  presetId: string;
  scenario: Scenario;
  cursor: number;
  theme: Theme;
  /** Only when a lesson is open. */
  lesson?: { id: string; step: number; revealed?: true };
  /** The interface language the link opens in (older links have none: the reader's own choice stays). */
  lang?: Lang;
}

/** A refused link: `message` is the English text, `reason` renders it in any language. */
export type DecodeResult = { kind: 'none' } | { kind: 'ok'; payload: SharePayload } | { kind: 'error'; message: string; reason: Reason };

/** At most this many field problems are listed in one message. */
export const MAX_LISTED = 6;

function refused(reason: Reason): DecodeResult {
  return { kind: 'error', message: reasonText('en', reason, MAX_LISTED), reason };
}

const payloadSchema = z.strictObject({
  presetId: z.string().check(z.maxLength(200)),
  /** Absent when the link shows a preset unchanged: the preset is named, and `presetCheck` pins its content. */
  scenario: z.optional(z.unknown()),
  presetCheck: z.optional(z.string().check(z.regex(/^[0-9a-f]{8}$/))),
  cursor: z.int().check(z.minimum(0)),
  theme: z.enum(THEMES as [Theme, ...Theme[]]),
  lesson: z.optional(
    z.strictObject({
      id: z.string().check(z.minLength(1), z.maxLength(200)),
      step: z.int().check(z.minimum(0)),
      revealed: z.optional(z.literal(true)),
    }),
  ),
  lang: z.optional(z.enum(LANGS as [Lang, ...Lang[]])),
});

/** Untrusted text as a message may quote it: at most 40 characters, control characters escaped. */
function shortText(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut).slice(1, -1);
}

/** A preset's content as this build defines it, as a checksum: a short link opens only where the preset is the same. */
function presetCheck(scenario: Scenario): string {
  return crc32Hex(JSON.stringify(scenario));
}

/** What a link's data holds: the scenario itself, or (for a preset shown unchanged) the preset's name and checksum. */
interface LinkBody extends Omit<SharePayload, 'scenario'> {
  scenario?: Scenario;
  presetCheck?: string;
}

/**
 * The hash fragment (without '#') for a payload: version, compressed data and the data's CRC-32. A preset shown
 * unchanged is named rather than written out, so its link (and QR code) is short.
 */
export function encodeShareHash(payload: SharePayload): string {
  const preset = getPreset(payload.presetId);
  const body: LinkBody =
    preset && sameData(preset.scenario, payload.scenario)
      ? { presetId: payload.presetId, presetCheck: presetCheck(preset.scenario), cursor: payload.cursor, theme: payload.theme }
      : { presetId: payload.presetId, scenario: payload.scenario, cursor: payload.cursor, theme: payload.theme };
  if (payload.lesson) body.lesson = payload.lesson.revealed ? { id: payload.lesson.id, step: payload.lesson.step, revealed: true } : { id: payload.lesson.id, step: payload.lesson.step };
  if (payload.lang) body.lang = payload.lang;
  const data = compressToEncodedURIComponent(JSON.stringify(body));
  return `v=${SHARE_VERSION}&s=${data}&c=${crc32Hex(data)}`;
}

export type ShareLink = { kind: 'link'; url: string } | { kind: 'too-long'; length: number };

/** A full link for `base` (the page address without its hash), or `too-long` when it would not survive being pasted. */
export function shareLinkFor(base: string, payload: SharePayload, max = MAX_LINK_LENGTH): ShareLink {
  const url = `${base.replace(/#.*$/, '')}#${encodeShareHash(payload)}`;
  return url.length > max ? { kind: 'too-long', length: url.length } : { kind: 'link', url };
}

/**
 * Reads a location hash (with or without '#'). Never throws: a hash that is not a share link gives `none`, a
 * damaged one gives `error` with a message that says exactly what is wrong (with field paths for schema errors).
 */
export function decodeShareHash(hash: string): DecodeResult {
  const text = hash.replace(/^#/, '');
  if (!text) return { kind: 'none' };
  const params = new URLSearchParams(text);
  const v = params.get('v');
  const s = params.get('s');
  if (v === null && s === null) return { kind: 'none' };
  if (v === null) return refused({ key: 'shareError.noVersion' });
  if (!/^\d+$/.test(v)) return refused({ key: 'shareError.badVersion', params: { v: shortText(v) } });
  const version = Number(v);
  if (version > SHARE_VERSION) {
    return refused({ key: 'shareError.newer', params: { version: `v${version}`, reads: `v${SHARE_VERSION}` } });
  }
  if (version !== SHARE_VERSION) return refused({ key: 'shareError.unknownVersion', params: { version: `v${version}`, reads: `v${SHARE_VERSION}` } });
  if (!s) return refused({ key: 'shareError.noData' });
  // URLSearchParams turns '+' into a space; the compressed alphabet uses '+', so read the raw value.
  const raw = /(?:^|&)s=([^&]*)/.exec(text)?.[1] ?? s;
  // Links made before checksums have none, and still open; a link with one opens only if its data matches it.
  const c = params.get('c');
  if (c !== null && c.toLowerCase() !== crc32Hex(raw)) return refused({ key: 'shareError.checksum' });
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(raw);
  } catch {
    json = null;
  }
  if (!json) return refused({ key: 'shareError.decompress' });
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return refused({ key: 'shareError.json', params: jsonPosition((e as Error).message) });
  }
  const problems = [];
  const top = payloadSchema.safeParse(data);
  if (!top.success) problems.push(...problemsOf(top.error.issues, data));
  const fields = typeof data === 'object' && data !== null ? (data as { scenario?: unknown; presetId?: unknown; presetCheck?: unknown }) : {};
  let scenarioInput = fields.scenario;
  if (scenarioInput === undefined && top.success && top.data.presetCheck !== undefined) {
    // A short link names a preset: it opens only if this build's preset is the one the link was made from.
    const preset = getPreset(top.data.presetId);
    if (!preset) return refused({ key: 'shareError.noPreset', params: { id: shortText(top.data.presetId) } });
    if (presetCheck(preset.scenario) !== top.data.presetCheck) return refused({ key: 'shareError.presetChanged', params: { id: top.data.presetId } });
    scenarioInput = preset.scenario;
  }
  const parsed = parseScenario(scenarioInput);
  if (!parsed.ok) problems.push(...nestedProblems('scenario', parsed.problems));
  if (problems.length || !top.success || !parsed.ok) return refused({ key: 'shareError.invalid', problems });
  const payload: SharePayload = { presetId: top.data.presetId, scenario: parsed.scenario, cursor: top.data.cursor, theme: top.data.theme };
  const lesson = top.data.lesson;
  if (lesson) payload.lesson = lesson.revealed ? { id: lesson.id, step: lesson.step, revealed: true } : { id: lesson.id, step: lesson.step };
  if (top.data.lang) payload.lang = top.data.lang;
  return { kind: 'ok', payload };
}
