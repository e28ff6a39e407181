// Text for the runner's log that may carry what a pull request wrote: file names, test names, model
// output, comments. The runner reads a step's output line by line and carries out, as a workflow
// command, any line that starts with `::name::` once leading whitespace is trimmed, and any line
// that holds a legacy `##[name]` anywhere: `::add-mask::` hides text, `::stop-commands::` turns
// off every later command, `::error::` forges an annotation. @actions/core escapes the data of the
// commands it writes itself (annotations, debug), but core.info writes its text as it is.
import { escapeChar, escapeHiddenChars, showControlChars } from '../report/control-chars.js';
import { breakLegacyCommands, breakWorkflowCommands } from '../report/workflow-commands.js';

/**
 * One log line that reads like `text` and that the runner cannot take for a command: line breaks
 * (CR, LF, U+2028/9) show as `\n`, `\r`, `\u2028`, other control and bidi characters as `\x1b` or
 * `\u202e`, a legacy `##[` as `##\[`, and a line that would start with `::` gets a `\` in front.
 */
export function toLogLine(text: string): string {
  const flat = escapeHiddenChars(text)
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/[\u2028\u2029]/g, escapeChar);
  return breakWorkflowCommands(flat);
}

/**
 * The message or title of an annotation, which may span lines: @actions/core escapes its line
 * breaks (the runner turns them back into breaks in the annotation), so only the characters that
 * change how it reads, and a legacy `##[` that would start a fake log line, are shown escaped.
 */
export function toAnnotationText(text: string): string {
  return breakLegacyCommands(showControlChars(text).replace(/[\u2028\u2029]/g, escapeChar));
}
