import { randomFillSync } from 'node:crypto';

const pool = new Uint8Array(16 * 256);
let offset = pool.length;
let lastMs = -1;
let sequence = 0;

/**
 * A UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by creation
 * time. Within one millisecond (or when `ms` goes back, as a virtual clock may) a 12-bit counter
 * in `rand_a` keeps ids of this process increasing; the other 62 bits are random.
 */
export function uuidv7(ms: number): string {
  let t = Math.max(0, Math.floor(ms));
  if (t <= lastMs) {
    t = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      t = lastMs + 1; // borrows the next millisecond rather than repeat an id
      sequence = 0;
    }
  } else {
    sequence = 0;
  }
  lastMs = t;
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const r = pool.subarray(offset, offset + 10);
  offset += 10;
  const hex = t.toString(16).padStart(12, '0').slice(-12);
  const randA = (0x7000 | sequence).toString(16);
  const variant = ((r[0] as number) & 0x3f) | 0x80;
  let tail = variant.toString(16).padStart(2, '0');
  for (let i = 1; i < 8; i++) tail += (r[i] as number).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${randA}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}
