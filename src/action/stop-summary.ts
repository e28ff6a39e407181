// The summary comment of a run that stopped before testing anything: a note (nothing to run, no
// secrets) or the prompt files' problems. It starts with the job's marker, like the full summary,
// and fits GitHub's size limit however many problems there are (the job summary and the
// annotations list every one).
import { fenceCode, truncate } from '../report/markdown-safe.js';
import { plural } from '../report/numbers.js';
import { formatProblems } from '../report/problems.js';
import type { JobIdentity } from '../review/job.js';
import { summaryMarker } from '../review/markers.js';
import { jobName } from '../review/text.js';
import type { Problem } from '../types.js';

// Room for the heading, the fence and the "…and N more" line around the problem lines.
const FRAME_CHARS = 1_000;

export function noteSummary(job: JobIdentity, note: string): (maxChars: number) => string {
  return (maxChars) => truncate(`${summaryMarker(job.key)}\n## ${jobName(job)}\n\n${note}\n`, maxChars);
}

export function problemsSummary(job: JobIdentity, problems: Problem[]): (maxChars: number) => string {
  const lines = formatProblems(problems, { color: false }).split('\n');
  const render = (shown: string[]): string =>
    [
      `${summaryMarker(job.key)}\n## ❌ ${jobName(job)}: the prompt files have problems`,
      'Nothing was sent to the model. Fix these, or run `npx promptgate validate` locally to check the files alone:',
      fenceCode(shown.join('\n')),
      ...(shown.length < lines.length ? [`…and ${plural(lines.length - shown.length, 'more line')}: the job summary and the annotations have them all.`] : []),
    ].join('\n\n') + '\n';
  return (maxChars) => {
    const whole = render(lines);
    if (whole.length <= maxChars) return whole;
    // Whole lines from the top, as many as fit: a line cut in half could name the wrong place.
    const kept: string[] = [];
    let budget = maxChars - FRAME_CHARS;
    for (const line of lines) {
      if (line.length + 1 > budget) break;
      kept.push(line);
      budget -= line.length + 1;
    }
    return truncate(render(kept), maxChars);
  };
}
