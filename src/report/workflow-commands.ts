// A GitHub Actions runner reads a step's output line by line and carries out, as a workflow command,
// any line that starts with `::name::` once leading whitespace is trimmed, and any line holding a
// legacy `##[name]` anywhere: `::add-mask::` hides text, `::stop-commands::` turns off every later
// command, `::error::` forges an annotation. promptgate prints what models and pull requests wrote,
// and issues no workflow command through plain output, so such text is broken wherever it is printed.

/** `##[` as `##\[`, and `\` before `::` at the start of any line (after its indentation). */
export function breakWorkflowCommands(text: string): string {
  return breakLegacyCommands(text).replace(/^([^\S\n]*)::/gm, '$1\\::');
}

/** `##[` as `##\[`: the legacy form is a command wherever it stands in a line. */
export function breakLegacyCommands(text: string): string {
  return text.replace(/##\[/g, '##\\[');
}

/**
 * A `write` for a stream that breaks workflow commands in everything written through it. Chunks
 * need not end at line ends: whether the next chunk starts a line is remembered.
 */
export function commandSafeWrite(write: WriteFunction): WriteFunction {
  let atLineStart = true;
  return (chunk, ...rest) => {
    if (typeof chunk !== 'string' || chunk === '') return write(chunk, ...rest);
    // A chunk that continues a line is given a line break to anchor `^` on, then loses it again.
    const safe = atLineStart ? breakWorkflowCommands(chunk) : breakWorkflowCommands(`x${chunk}`).slice(1);
    atLineStart = chunk.endsWith('\n');
    return write(safe, ...rest);
  };
}

type WriteFunction = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
