// The Action's one door to the runner: the only module that imports @actions/* (test/architecture.test.ts
// checks it). Inputs, secrets, outputs, the job summary, the event and the API client come through here,
// and so does every line, annotation and failure message, made safe on the way (log-line.ts), so text
// from a pull request can never become a workflow command, whichever caller it came through.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { toAnnotationText, toLogLine } from './log-line.js';

/** Where an annotation points, and its title. The file must stay as GitHub names it, or the annotation attaches to nothing. */
export type AnnotationPlace = core.AnnotationProperties;

export function info(message: string): void {
  core.info(toLogLine(message));
}

export function warning(message: string, place?: AnnotationPlace): void {
  core.warning(toAnnotationText(message), safePlace(place));
}

export function error(message: string, place?: AnnotationPlace): void {
  core.error(toAnnotationText(message), safePlace(place));
}

/** Only shown with debug logging on. */
export function debug(message: string): void {
  core.debug(toAnnotationText(message));
}

/** An error annotation that also fails the step. */
export function fail(message: string): void {
  core.setFailed(toAnnotationText(message));
}

/** An input as the workflow gave it ('' when unset). */
export function getInput(name: string): string {
  return core.getInput(name);
}

/** Masked in the log from here on. */
export function setSecret(value: string): void {
  core.setSecret(value);
}

export function setOutput(name: string, value: string | number): void {
  core.setOutput(name, value);
}

/** Appends Markdown to the job summary; rejects outside a runner (GITHUB_STEP_SUMMARY unset). */
export async function appendJobSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown, true).write();
}

/** The event that started the job, as the runner describes it. */
export type RunnerContext = typeof github.context;

export function runnerContext(): RunnerContext {
  return github.context;
}

/** An authenticated client for the REST API at GITHUB_API_URL. */
export function getOctokit(token: string): ReturnType<typeof github.getOctokit> {
  return github.getOctokit(token);
}

/**
 * What the flows need of the runner: main hands them `runnerIo`, a test hands them a plain object
 * and reads back what they logged, annotated and summarised.
 */
export interface RunnerIo {
  info(message: string): void;
  warning(message: string, place?: AnnotationPlace): void;
  error(message: string, place?: AnnotationPlace): void;
  /** Appends Markdown to the job summary; may reject (outside a runner). */
  appendJobSummary(markdown: string): Promise<void>;
}

export const runnerIo: RunnerIo = { info, warning, error, appendJobSummary };

function safePlace(place: AnnotationPlace | undefined): AnnotationPlace {
  if (!place) return {};
  return place.title === undefined ? place : { ...place, title: toLogLine(place.title) };
}
