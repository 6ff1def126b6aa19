/// <reference lib="webworker" />
import { answerRun } from './answer-run';
import type { RunReply, RunRequest } from './protocol';

/** Runs one simulation per request, off the page's main thread, and posts the trace back in pieces. */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<RunRequest>) => answerRun(e.data, (reply: RunReply) => scope.postMessage(reply));
