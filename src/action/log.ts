// The only way the Action writes to the runner's log: every line, annotation and failure message
// passes through here and is made safe (log-line.ts), so text from a pull request can never become
// a workflow command, whichever caller it came through. A test checks that nothing else in src/
// calls @actions/core's logging functions.
import * as core from '@actions/core';
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

function safePlace(place: AnnotationPlace | undefined): AnnotationPlace {
  if (!place) return {};
  return place.title === undefined ? place : { ...place, title: toLogLine(place.title) };
}
