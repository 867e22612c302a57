import { createHash } from 'node:crypto';
import { StorageKeyError } from '../../errors/storage-key.error';

const MAX_PART = 200;

/**
 * Encodes an id as one file or folder name, injectively and safely on every file system:
 * `[a-z0-9_-]` stay as they are, an upper-case letter becomes `^` + its lower case (so
 * case-insensitive file systems cannot merge two ids), every other byte `%XX`. The result is never
 * `.` or `..`, has no `/`, and long ids are cut to 200 characters plus `~` and a SHA-256 digest.
 *
 * @throws StorageKeyError for an empty or non-string id.
 */
export function encodeFileName(field: string, id: string): string {
  if (typeof id !== 'string' || id.length === 0) throw new StorageKeyError(field, id);
  let out = '';
  for (const byte of Buffer.from(id, 'utf8')) {
    if ((byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f || byte === 0x2d) {
      out += String.fromCharCode(byte);
    } else if (byte >= 0x41 && byte <= 0x5a) {
      out += `^${String.fromCharCode(byte + 0x20)}`;
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  if (out.length <= MAX_PART) return out;
  return `${out.slice(0, MAX_PART)}~${createHash('sha256').update(id).digest('hex')}`;
}

/** A key `folder/file` as {@link encodeFileName} makes them, and nothing else. */
export const FILE_KEY = /^[a-z0-9_\-^%~A-F]+\/[a-z0-9_\-^%~A-F]+$/;
