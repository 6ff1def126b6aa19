import type { KafkaVersion } from '../sim/protocol/kafka-version';
import type { DedupStrategy, ProducerConfig } from '../sim/scenario/schema';
import type { Trace } from '../sim/trace/types';

/** Finds the event a step is about: its index in the trace, or -1 when the trace has no such event. */
export type Anchor = (trace: Trace) => number;

export interface LessonQuestion {
  prompt: string;
  /** Two to four answers. */
  answers: readonly string[];
  /** Index into `answers`. */
  correct: number;
  explanation: string;
}

/** Producer settings a lesson (or one of its steps) runs with, on top of its preset. */
export type LessonSettings = Partial<ProducerConfig>;

export interface LessonStep {
  /** Stable within its lesson (translations are keyed by it; share links carry the step's position). */
  id: string;
  /** The event this step is about (the revealing event when the step asks a question). */
  at: Anchor;
  title: string;
  /** Plain language: what happens here and why. */
  narration: string;
  /** The Kafka rule, KIP or configuration name this step illustrates. */
  rule: string;
  question?: LessonQuestion;
  /** Overrides of the lesson's settings for this step (e.g. the same story with idempotence off). */
  settings?: LessonSettings;
  /** Another preset for this step (e.g. to compare with a related story). */
  presetId?: string;
  /** Another Kafka version for this step (the version lens: the same faults under older rules). */
  kafkaVersion?: KafkaVersion;
  /** Another dedup strategy for this step (a preset with a consumer: the same faults, deduplicated another way). */
  dedup?: DedupStrategy;
  /** What the presenter might say on the way to the next step. */
  sayNext?: string;
}

export interface Lesson {
  id: string;
  title: string;
  presetId: string;
  settings: LessonSettings;
  /** The Kafka version the lesson runs on; default: its preset's. */
  kafkaVersion?: KafkaVersion;
  /** The dedup strategy the lesson runs with (a preset with a consumer); default: its preset's. */
  dedup?: DedupStrategy;
  steps: readonly LessonStep[];
}
