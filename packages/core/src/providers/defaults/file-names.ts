import { createHash } from 'node:crypto';
import { StorageKeyError } from '../../errors/storage-key.error';

/**
 * The longest name {@link encodeFileName} returns (the encoding is ASCII, so characters = bytes).
 * `FileStorage` derives at most `<name>.json` and, while writing, `<name>.json.<pid>.<8 hex>.<n>.tmp`:
 * 200 + 5 + 36 (10-digit pid and counter) = 241 bytes, under the 255-byte limit of common file
 * systems. Names up to this length are the plain encoding and never change.
 */
const MAX_NAME = 200;
/** Hex SHA-256 of the id, the tail of a cut name. */
const DIGEST_LENGTH = 64;
/** How much of the encoding a cut name keeps before `~` and the digest. */
const KEPT = MAX_NAME - 1 - DIGEST_LENGTH;

/**
 * Encodes an id as one file or folder name, injectively and safely on every file system:
 * `[a-z0-9_-]` stay as they are, an upper-case letter becomes `^` + its lower case (so
 * case-insensitive file systems cannot merge two ids), every other byte `%XX`. The result is never
 * `.` or `..`, has no `/`, and is at most 200 characters: a longer encoding is cut to its first 135
 * characters plus `~` and the id's SHA-256 digest (64 hex digits). A plain encoding never has `~`
 * (it is escaped), so a cut name cannot equal a plain one, and the digest keeps cut names apart.
 *
 * @throws StorageKeyError for an empty or non-string id.
 */
export function encodeFileName(field: string, id: string): string {
  if (typeof id !== 'string' || id.length === 0) throw new StorageKeyError(field, id);
  let out = '';
  const bytes = bytesOf(id);
  for (const byte of bytes) {
    if ((byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f || byte === 0x2d) {
      out += String.fromCharCode(byte);
    } else if (byte >= 0x41 && byte <= 0x5a) {
      out += `^${String.fromCharCode(byte + 0x20)}`;
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  if (out.length <= MAX_NAME) return out;
  return `${out.slice(0, KEPT)}~${createHash('sha256').update(bytes).digest('hex')}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The id's UTF-8 bytes. UTF-8 cannot hold a lone surrogate (`Buffer.from` would turn `'\uD800'`
 * into U+FFFD, merging two ids), so one gets its 3-byte generalized form (`ED A0 80`), a sequence
 * no well-formed string encodes to.
 */
function bytesOf(id: string): Buffer {
  if (!LONE_SURROGATE.test(id)) return Buffer.from(id, 'utf8');
  const parts: Buffer[] = [];
  for (const char of id) {
    const cp = char.codePointAt(0) as number;
    parts.push(
      cp >= 0xd800 && cp <= 0xdfff
        ? Buffer.from([0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)])
        : Buffer.from(char, 'utf8'),
    );
  }
  return Buffer.concat(parts);
}

/** A key `folder/file` as {@link encodeFileName} makes them, and nothing else. */
export const FILE_KEY = /^[a-z0-9_\-^%~A-F]+\/[a-z0-9_\-^%~A-F]+$/;
