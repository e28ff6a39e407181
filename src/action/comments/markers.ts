// Loop protection. Everything promptgate posts carries a hidden `<!-- promptgate:… -->` marker, and
// a comment that carries one is never obeyed: quoting or re-posting our own text (by us, by another
// bot, by a person) must not start another round of model calls.

/** At the end of every reply and suggestion comment this folder posts. */
export const SUGGESTION_MARKER = '<!-- promptgate:suggestion -->';

const ANY_PROMPTGATE_MARKER = /<!--\s*promptgate:/i;

export function carriesPromptgateMarker(body: string): boolean {
  return ANY_PROMPTGATE_MARKER.test(body);
}

export function withSuggestionMarker(body: string): string {
  return `${body.trimEnd()}\n\n${SUGGESTION_MARKER}`;
}
