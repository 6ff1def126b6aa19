import type * as z from 'zod/mini';
import type { KafkaVersion } from '../sim/protocol/kafka-version';
import type { BrokerConfig, FaultRates, faultSchema, ProducerConfig, Scenario } from '../sim/scenario/schema';

/** A fault as written in a scenario file (defaults may be left out). */
export type FaultInput = z.input<typeof faultSchema>;
import type { Trace } from '../sim/trace/types';
import type { RunResult } from '../worker/sim-client';
import type { Lang } from '../i18n/lang';
import type { HeldSave, Notice } from '../i18n/notices';
import type { SharePayload } from '../share/share-link';

export type Theme = 'light' | 'dark' | 'projector';
export const THEMES: readonly Theme[] = ['light', 'dark', 'projector'];

/** What the fault menu is about: a request or response identified by a trace event. */
export interface ForkTarget {
  event: number;
  /** Which arrow the menu offers faults for. */
  part: 'request' | 'response' | 'both';
  /** Viewport position to open the menu at. */
  x: number;
  y: number;
}

/** Inputs: everything the simulation is a function of. The trace is recomputed only when these change. */
export interface InputsSlice {
  presetId: string;
  scenario: Scenario;
  /** true or false sets enable.idempotence; undefined leaves it unset (Kafka's default). */
  setIdempotence(on: boolean | undefined): void;
  setProducerSetting<K extends keyof ProducerConfig>(key: K, value: ProducerConfig[K]): void;
  setBrokerSetting<K extends keyof BrokerConfig>(key: K, value: BrokerConfig[K]): void;
  setSeed(seed: number): void;
  /** The version lens: whose rules the producer and the broker follow. */
  setKafkaVersion(version: KafkaVersion): void;
  setMessages(count: number): void;
  setFaultRate<K extends keyof FaultRates>(key: K, value: FaultRates[K]): void;
  addFault(fault: FaultInput): void;
  removeFault(index: number): void;
  choosePreset(id: string): void;
  resetToPreset(): void;
  loadScenario(scenario: Scenario, presetId?: string): void;
}

/** The trace of the current inputs, plus a crash message if the simulation itself threw. */
export interface TraceSlice {
  trace: Trace;
  runError: string | null;
}

/**
 * Whether a run is being computed. While one is, the inputs are already the new ones and the trace on screen is
 * still the previous run's. `error`: the simulation could not be run at all (the previous run stays on screen).
 */
export type RunStatus = { kind: 'idle' } | { kind: 'running'; since: number } | { kind: 'error'; message: string };

/** Applies a finished run: returns everything the store must change (the run's trace included, if it is to be shown). */
export type FinishRun = (state: LabState, run: RunResult) => Partial<LabState>;

export interface RunSlice {
  runStatus: RunStatus;
  /**
   * Runs the simulation for `scenario`: `inputs` are set at once, `finish` is applied when the run is done, unless
   * a newer request has been made meanwhile (the newest request always wins).
   */
  requestRun(scenario: Scenario, finish: FinishRun, inputs?: Partial<LabState>): void;
  /** Stops the run in progress and puts back the inputs of the run on screen. */
  cancelRun(): void;
}

export interface PlaybackSlice {
  /** Index into trace.events; 0 when the trace is empty. */
  cursor: number;
  playing: boolean;
  /** Multiplier of the base rate (events per second). */
  speed: number;
  setCursor(i: number): void;
  stepForward(): void;
  stepBack(): void;
  jumpToStart(): void;
  jumpToEnd(): void;
  togglePlay(): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
}

export interface UiSlice {
  theme: Theme;
  /** The interface language (English or Simplified Chinese). */
  language: Lang;
  /** Steps and playback animate the current event (the system's reduced-motion setting turns it off too). */
  motion: boolean;
  /** What the user must hear about input the lab could not use (rendered with `noticeText`), newest first. */
  notices: readonly Notice[];
  /** Saved state that was not restored whole: nothing is saved over it until the user exports or discards it. */
  heldSave: HeldSave | null;
  forkTarget: ForkTarget | null;
  /** A share link opened over the user's own work: it waits until the user opens it or keeps the work. */
  pendingLink: SharePayload | null;
  setTheme(theme: Theme): void;
  setLanguage(language: Lang): void;
  setMotion(on: boolean): void;
  dismissNotice(): void;
  /** The user has exported or discarded the held save: the lab may save over it again. */
  releaseHeldSave(): void;
  openFork(target: ForkTarget): void;
  closeFork(): void;
}

/** Which setting the side-by-side view varies between its two runs. */
export type CompareDimension = 'idempotence' | 'in-flight' | 'acks';
export const COMPARE_DIMENSIONS: readonly CompareDimension[] = ['idempotence', 'in-flight', 'acks'];

/** Guided lessons, the side-by-side view and presenter mode. */
export interface LessonSlice {
  /** The active lesson, or null for free exploration. */
  lessonId: string | null;
  lessonStep: number;
  /** The current step's question has been answered (its event is shown). */
  revealed: boolean;
  chosenAnswer: number | null;
  askQuestions: boolean;
  compareBy: CompareDimension | null;
  presenter: boolean;
  speakerNotes: boolean;
  startLesson(id: string | null): void;
  goToStep(k: number): void;
  /** Reveals an open question, otherwise moves to the next step. */
  nextStep(): void;
  prevStep(): void;
  chooseAnswer(i: number): void;
  reveal(): void;
  setAskQuestions(on: boolean): void;
  setCompareBy(by: CompareDimension | null): void;
  setPresenter(on: boolean): void;
  setSpeakerNotes(on: boolean): void;
}

export type LabState = InputsSlice & TraceSlice & RunSlice & PlaybackSlice & UiSlice & LessonSlice;
