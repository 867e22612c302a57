import { encodeFileName, isEncodedFileName } from './file-names';
import { checkpointKey, workflowPrefix } from './storage-keys';

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ids made of the characters that are hardest to encode: the escape characters themselves, case
 * pairs, `/`, dots, non-Latin letters, astral characters and lone surrogates; short ones collide
 * often unless the encoding is injective, long ones exercise the cut.
 */
function ids(count: number, seed: number): string[] {
  const alphabet = ['a', 'A', 'z', 'Z', '0', '_', '-', '.', '/', '\\', '%', '^', '~', '#', ' ', 'é', 'É', '日', '😀', '\uD800', '\uDC00', '\uFFFD', '%2F', '%25'];
  const next = random(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const length = next() < 0.9 ? 1 + Math.floor(next() * 4) : 150 + Math.floor(next() * 200);
    let id = '';
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(next() * alphabet.length)] as string;
    out.add(id);
  }
  return [...out];
}

const SAFE = /^[a-z0-9_\-^%~A-F]+$/;

describe('file and key names of ids', () => {
  const sample = ids(20_000, 20261126);

  it('give distinct ids distinct file names, each a safe name of at most 200 characters', () => {
    const names = new Map<string, string>();
    const clashes: string[] = [];
    const unsafe: string[] = [];
    for (const id of sample) {
      const name = encodeFileName('taskId', id);
      const other = names.get(name);
      if (other !== undefined) clashes.push(`${JSON.stringify(id)} and ${JSON.stringify(other)} share ${name}`);
      names.set(name, id);
      if (name.length > 200 || !SAFE.test(name) || name === '.' || name === '..') unsafe.push(name);
    }
    expect(clashes).toEqual([]);
    expect(unsafe).toEqual([]);
    expect(names.size).toBe(sample.length);
  });

  it('give distinct ids distinct keys, and a workflow prefix that no other workflow key starts with', () => {
    const keys = new Set(sample.map((id) => checkpointKey(id, 't')));
    expect(keys.size).toBe(sample.length);
    const short = sample.filter((id) => id.length <= 3).slice(0, 300);
    const overlaps: string[] = [];
    for (const w of short) {
      const prefix = workflowPrefix(w);
      for (const other of short) if (other !== w && checkpointKey(other, w).startsWith(prefix)) overlaps.push(`${w} / ${other}`);
    }
    expect(overlaps).toEqual([]);
  });

  it('recognise every name they give, and not the same names in upper case (as another program might write them)', () => {
    const names = new Set(sample.map((id) => encodeFileName('taskId', id)));
    expect([...names].filter((name) => !isEncodedFileName(name))).toEqual([]);
    const upper = [...names].filter((name) => /[a-z]/.test(name)).map((name) => name.toUpperCase());
    expect(upper.filter((name) => isEncodedFileName(name))).toEqual([]);
  });

  it.each(['', 'Notes', '%41', '%2e', '^', '^A', 'a~b', '%C0%80', '%ED%A0%BD%ED%B8%80', 'x'.repeat(201), `${'x'.repeat(135)}~${'0'.repeat(63)}`])(
    'do not recognise %p, which no id encodes to',
    (name) => {
      expect(isEncodedFileName(name)).toBe(false);
    },
  );
});
