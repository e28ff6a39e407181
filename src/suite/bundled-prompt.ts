// Where promptgate's own prompt files (the editor, the judges) live relative to the running code:
// `dist/cli.js` and `dist/index.js` sit one level below the repository (or the installed package),
// a source file under src/<dir>/ two levels. The nearer candidate comes first, so a bundle never
// picks up a `prompts/` folder above its own package.
import { fileURLToPath } from 'node:url';

export function bundledPromptCandidates(relativeName: string, moduleUrl: string): string[] {
  return [new URL(`../${relativeName}`, moduleUrl), new URL(`../../${relativeName}`, moduleUrl)].map((url) => fileURLToPath(url));
}
