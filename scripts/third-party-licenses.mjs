// The licences of the packages bundled into dist/: the bundles carry other people's code (legal
// comments stripped), and their licences (MIT, ISC, BSD, Apache-2.0 for openai) ask that their notices
// travel with every copy. Written to dist/licenses.txt — the name GitHub's action template gives the
// file — from esbuild's metafiles, so it lists exactly what was bundled.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

// LICENSE, LICENCE.md, license.txt, COPYING, and Apache's NOTICE, which must be passed on too.
const NOTICE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The directory of each package some bundled input comes from (the innermost node_modules/<name>). */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) dirs.add(match[1]);
    }
  }
  return [...dirs];
}

/** The text of dist/licenses.txt for the packages in these directories (relative to root). */
export async function licensesText(root, packageDirs) {
  const entries = [];
  for (const dir of packageDirs) {
    const pkg = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
    const files = (await readdir(join(root, dir))).filter((name) => NOTICE_FILE.test(name)).sort();
    const texts = await Promise.all(files.map((name) => readFile(join(root, dir, name), 'utf8')));
    const license = typeof pkg.license === 'string' ? pkg.license : 'see its package';
    entries.push({
      key: `${pkg.name}@${pkg.version}`,
      text: [`${pkg.name} ${pkg.version}`, license, ...(texts.length > 0 ? texts.map((text) => text.trim()) : ['(the package ships no licence file)'])].join('\n'),
    });
  }
  const unique = new Map(entries.map((entry) => [entry.key, entry.text]));
  const sorted = [...unique.keys()].sort().map((key) => unique.get(key));
  return ['The bundles in this folder (cli.js, index.js) include code from the following packages, under these licences.', '', ...sorted.map((text) => `${text}\n`)].join('\n');
}
