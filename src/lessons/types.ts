import type { KafkaVersion } from '../sim/protocol/kafka-version';
import type { DedupStrategy, ProducerConfig } from '../sim/scenario/schema';
import type { Trace } from '../sim/trace/types';

/** Finds the event a step is about: its index in the trace, or -1 when the trace has no such event. */
export type Anchor = (trace: Trace) => number;

/** A question has two to four answers. */
export const MAX_ANSWERS = 4;

/** A step's question as the lesson plan holds it: which answer is right (the words are the language's, see below). */
export interface LessonQuestionPlan {
  /** Index into the answers (two to four). */
  correct: number;
}

/** Producer settings a lesson (or one of its steps) runs with, on top of its preset. */
export type LessonSettings = Partial<ProducerConfig>;

export interface LessonStep {
  /** Stable within its lesson (translations are keyed by it; share links carry the step's position). */
  id: string;
  /** The event this step is about (the revealing event when the step asks a question). */
  at: Anchor;
  question?: LessonQuestionPlan;
  /** Overrides of the lesson's settings for this step (e.g. the same story with idempotence off). */
  settings?: LessonSettings;
  /** Another preset for this step (e.g. to compare with a related story). */
  presetId?: string;
  /** Another Kafka version for this step (the version lens: the same faults under older rules). */
  kafkaVersion?: KafkaVersion;
  /** Another dedup strategy for this step (a preset with a consumer: the same faults, deduplicated another way). */
  dedup?: DedupStrategy;
}

/**
 * A lesson's plan: its steps' events, settings and questions' right answers. The words a room reads (each step's
 * title, narration, rule, question and what to say next) are each language's, kept by step id: English in
 * i18n/lesson-steps-en*.ts, loaded when a lesson is first shown. The lesson's own title stays here, in English, for
 * the lesson menu on the first page.
 */
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

/** A step's question in a language's words, with the plan's right answer. */
export interface LessonQuestion extends LessonQuestionPlan {
  prompt: string;
  /** Two to four answers. */
  answers: readonly string[];
  explanation: string;
}

/** A step with its words in one language: what the lesson panel, the speaker notes and the audience window show. */
export interface WordedStep extends Omit<LessonStep, 'question'> {
  title: string;
  /** Plain language: what happens here and why. */
  narration: string;
  /** The Kafka rule, KIP or configuration name this step illustrates. */
  rule: string;
  question?: LessonQuestion;
  /** What the presenter might say on the way to the next step. */
  sayNext?: string;
}

/** A lesson with its words in one language. */
export interface WordedLesson extends Omit<Lesson, 'steps'> {
  steps: readonly WordedStep[];
}
