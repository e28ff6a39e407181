// Color for terminal reports, and none at all when the caller says so (CI logs, NO_COLOR, pipes):
// the caller decides, this module never looks at the environment.
import * as util from 'node:util';

export type StyleName = 'red' | 'green' | 'yellow' | 'cyan' | 'gray' | 'bold' | 'dim';

export type Paint = (style: StyleName, text: string) => string;

// Fallback for Node 20.0–20.11, which lack util.styleText.
const ANSI: Record<StyleName, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export function createPaint(color: boolean): Paint {
  if (!color) return (_style, text) => text;
  const styleText = (util as { styleText?: typeof util.styleText }).styleText;
  if (typeof styleText === 'function') {
    // validateStream: false, or newer Node drops the color when stdout is not a TTY, overriding the caller.
    return (style, text) => styleText(style, text, { validateStream: false });
  }
  return (style, text) => `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m`;
}
