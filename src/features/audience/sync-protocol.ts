import * as z from 'zod/mini';
import { LANGS, type Lang } from '../../i18n/lang';
import { getLesson } from '../../lessons/lessons';
import { parseScenario } from '../../sim/scenario/parse';
import type { Scenario } from '../../sim/scenario/schema';
import { COMPARE_DIMENSIONS, type CompareDimension, type LabState } from '../../store/lab-state';
import { clampCursor } from '../../store/simulate';

/**
 * The presenter's and the audience's windows talk over one BroadcastChannel. One source of truth per message:
 * - the presenter's window (the host) owns the lab: it sends its `state` (the scenario, never its trace, which the
 *   audience window computes itself, the simulation being deterministic; the cursor, playback and the lesson's
 *   place with the chosen answer and whether it is revealed) whenever any of it changes, and when asked;
 * - an audience window (a follower) owns nothing: it says `hello` when it opens (asking for the state), and sends
 *   a `command` for what the room does there (step, answer, reveal), which the host applies and answers with its
 *   new state. Messages that do not match these schemas are ignored.
 */
export const CHANNEL_NAME = 'exactly-once-lab:stage';

const whole = z.int().check(z.minimum(0), z.maximum(1_000_000_000));
const id = z.string().check(z.maxLength(200));
const compareBy = z.nullable(z.enum(COMPARE_DIMENSIONS as [CompareDimension, ...CompareDimension[]]));

export const lessonPlaceSchema = z.object({
  id,
  step: whole,
  revealed: z.boolean(),
  answer: z.nullable(whole),
  ask: z.boolean(),
});

/** What the audience window shows, as the presenter's window has it. */
export const placeSchema = z.object({
  presetId: id,
  /** Validated as any scenario file is, by the scenario parser, when it is applied. */
  scenario: z.unknown(),
  cursor: whole,
  playing: z.boolean(),
  speed: z.number().check(z.positive(), z.maximum(1000)),
  language: z.enum(LANGS as [Lang, ...Lang[]]),
  compareBy,
  lesson: z.nullable(lessonPlaceSchema),
});
export type Place = z.infer<typeof placeSchema>;

const SIMPLE_COMMANDS = ['stepForward', 'stepBack', 'jumpToStart', 'jumpToEnd', 'togglePlay', 'nextStep', 'prevStep', 'reveal', 'resetToPreset'] as const;
type SimpleCommand = (typeof SIMPLE_COMMANDS)[number];

export const commandSchema = z.union([
  z.object({ name: z.enum(SIMPLE_COMMANDS) }),
  z.object({ name: z.literal('setCursor'), value: whole }),
  z.object({ name: z.literal('goToStep'), value: whole }),
  z.object({ name: z.literal('chooseAnswer'), value: whole }),
  z.object({ name: z.literal('setSpeed'), value: z.number() }),
  z.object({ name: z.literal('setIdempotence'), value: z.nullable(z.boolean()) }),
  z.object({ name: z.literal('setCompareBy'), value: compareBy }),
]);
export type Command = z.infer<typeof commandSchema>;

const from = z.string().check(z.minLength(1), z.maxLength(64));

export const syncMessageSchema = z.union([
  z.object({ type: z.literal('hello'), from }),
  z.object({ type: z.literal('state'), from, place: placeSchema }),
  z.object({ type: z.literal('command'), from, command: commandSchema }),
  z.object({ type: z.literal('bye'), from }),
]);
export type SyncMessage = z.infer<typeof syncMessageSchema>;

/** A message from the channel, or null if it is not one of ours (malformed, foreign, or from a newer build). */
export function readSyncMessage(data: unknown): SyncMessage | null {
  const parsed = syncMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** The host's state as sent to the audience. */
export function placeOf(s: LabState): Place {
  return {
    presetId: s.presetId,
    scenario: s.scenario,
    cursor: s.cursor,
    playing: s.playing,
    speed: s.speed,
    language: s.language,
    compareBy: s.compareBy,
    lesson: s.lessonId === null ? null : { id: s.lessonId, step: s.lessonStep, revealed: s.revealed, answer: s.chosenAnswer, ask: s.askQuestions },
  };
}

/** Whether two states of the host differ in anything the audience sees (the scenario by identity: it is replaced, never mutated). */
export function samePlace(a: Place, b: Place): boolean {
  const { scenario: sa, lesson: la, ...ra } = a;
  const { scenario: sb, lesson: lb, ...rb } = b;
  return sa === sb && JSON.stringify(ra) === JSON.stringify(rb) && JSON.stringify(la) === JSON.stringify(lb);
}

function sameScenario(a: Scenario, b: Scenario): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What a follower does with the host's state: `run` the scenario if it differs from its own (`patch` applies at
 * once, and the host's cursor, clamped, once that run is shown), or only `patch` its store. Null: the state cannot be
 * followed (its scenario is not valid, or its lesson is unknown here), and is ignored.
 */
export type FollowPlan = { run: Scenario | null; patch: Partial<LabState> } | null;

export function followPlan(local: LabState, place: Place): FollowPlan {
  const parsed = parseScenario(place.scenario);
  if (!parsed.ok) return null;
  const lesson = place.lesson ? getLesson(place.lesson.id) : undefined;
  if (place.lesson && (!lesson || place.lesson.step >= lesson.steps.length)) return null;
  const patch: Partial<LabState> = {
    presetId: place.presetId,
    playing: place.playing,
    speed: place.speed,
    language: place.language,
    compareBy: place.compareBy,
    lessonId: place.lesson?.id ?? null,
    lessonStep: place.lesson?.step ?? 0,
    revealed: place.lesson?.revealed ?? false,
    chosenAnswer: place.lesson?.answer ?? null,
    askQuestions: place.lesson?.ask ?? local.askQuestions,
  };
  // The cursor is placed on the follower's own run of the scenario: once it is shown, if it is still being computed.
  if (!sameScenario(parsed.scenario, local.scenario)) return { run: parsed.scenario, patch: { ...patch, scenario: parsed.scenario } };
  if (local.runStatus.kind === 'running') return { run: null, patch };
  return { run: null, patch: { ...patch, cursor: clampCursor(place.cursor, local.trace) } };
}

/** Applies an audience window's command to the host's store, through the same actions as its own buttons. */
export function applyCommand(s: LabState, command: Command): void {
  switch (command.name) {
    case 'setCursor':
      return s.setCursor(command.value);
    case 'goToStep':
      return s.goToStep(command.value);
    case 'chooseAnswer':
      return s.chooseAnswer(command.value);
    case 'setSpeed':
      return s.setSpeed(command.value);
    case 'setIdempotence':
      return s.setIdempotence(command.value ?? undefined);
    case 'setCompareBy':
      return s.setCompareBy(command.value);
    default:
      return s[command.name satisfies SimpleCommand]();
  }
}

/**
 * The follower's own actions, replaced: each sends its command to the host while there is one (`hostSeen`), and
 * otherwise does what it always does (an audience window left alone still works). Opening the fault menu does
 * nothing: faults are chosen in the presenter's window.
 */
export function forwardingActions(original: LabState, send: (command: Command) => void, hostSeen: () => boolean): Partial<LabState> {
  const forward =
    <A extends unknown[]>(command: (...args: A) => Command, local: (...args: A) => void) =>
    (...args: A) => {
      if (hostSeen()) send(command(...args));
      else local(...args);
    };
  const simple = Object.fromEntries(SIMPLE_COMMANDS.map((name) => [name, forward(() => ({ name }), original[name])]));
  return {
    ...simple,
    setCursor: forward((value: number) => ({ name: 'setCursor', value: Math.max(0, Math.floor(value)) }), original.setCursor),
    goToStep: forward((value: number) => ({ name: 'goToStep', value: Math.max(0, Math.floor(value)) }), original.goToStep),
    chooseAnswer: forward((value: number) => ({ name: 'chooseAnswer', value }), original.chooseAnswer),
    setSpeed: forward((value: number) => ({ name: 'setSpeed', value }), original.setSpeed),
    setIdempotence: forward((value: boolean | undefined) => ({ name: 'setIdempotence', value: value ?? null }), original.setIdempotence),
    setCompareBy: forward((value: CompareDimension | null) => ({ name: 'setCompareBy', value }), original.setCompareBy),
    openFork: () => undefined,
  };
}
