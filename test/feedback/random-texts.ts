// Seeded random prompt-like texts and edits of them, for property tests that must fail the same
// way on every run.

/** mulberry32: small, fast, and good enough to spread test cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['name:', 'content:', '-', 'role: system', 'refund', '30 days', '{{question}}', '```', '`', 'a', 'b', '', '  '];

export function randomLine(random: () => number): string {
  const count = Math.floor(random() * 4);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return ' '.repeat(Math.floor(random() * 3) * 2) + words.join(' ');
}

export function randomLines(random: () => number, max = 12): string[] {
  const count = 1 + Math.floor(random() * max);
  return Array.from({ length: count }, () => randomLine(random));
}

/** A few insertions, deletions and replacements of whole lines, or changes inside one line. */
export function editLines(random: () => number, lines: string[]): string[] {
  const edited = [...lines];
  const operations = 1 + Math.floor(random() * 3);
  for (let i = 0; i < operations; i++) {
    const at = Math.floor(random() * (edited.length + 1));
    const kind = random();
    if (kind < 0.3) edited.splice(at, 0, ...randomLines(random, 3));
    else if (kind < 0.5 && edited.length > 1) edited.splice(Math.min(at, edited.length - 1), 1 + Math.floor(random() * 2));
    else if (kind < 0.8 && edited.length > 0) edited[Math.min(at, edited.length - 1)] = randomLine(random);
    else if (edited.length > 0) {
      const index = Math.min(at, edited.length - 1);
      edited[index] = `${edited[index]} extra`;
    }
  }
  return edited;
}
