import { createHash } from 'node:crypto';
import { StorageKeyError } from '../../errors/storage-key.error';

/**
 * The longest name {@link encodeFileName} returns (the encoding is ASCII, so characters = bytes).
 * `FileStorage` derives at most `<name>.json` and, while writing,
 * `<name>.json.<pid>-<start time>.<8 hex>.<n>.tmp`: 200 + 5 + 49 (10-digit pid and counter, a
 * 13-digit start time) = 254 bytes, under the 255-byte limit of common file systems. Names up to this length are the plain encoding and never change.
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

/** One character or escape of an encoding. */
const TOKEN = '[a-z0-9_-]|\\^[a-z]|%[0-9A-F]{2}';
/** The characters of a cut name's head: what {@link encodeFileName} writes, a cut escape at the end. */
const CUT_HEAD = new RegExp(`^(?:${TOKEN})*(?:\\^|%[0-9A-F]?)?$`);
/** {@link TOKEN} where `lastIndex` says. */
const TOKEN_AT = new RegExp(TOKEN, 'y');

/**
 * True when `name` is one {@link encodeFileName} returns for some id: a plain encoding that decodes
 * to an id encoding back to `name` exactly, or a cut one (its first 135 characters written by the
 * encoding, `~`, 64 lower-case hex digits). A name a person or another program chose (`notes.JSON`,
 * `Data`, `%41`, which the encoding would write `^a`) is not.
 */
export function isEncodedFileName(name: string): boolean {
  if (name.length === MAX_NAME && name[KEPT] === '~') {
    return CUT_HEAD.test(name.slice(0, KEPT)) && /^[0-9a-f]{64}$/.test(name.slice(KEPT + 1));
  }
  const id = decodeFileName(name);
  return id !== undefined && encodeFileName('name', id) === name;
}

/** The id whose plain encoding `name` may be (check by encoding it again); undefined when none can be. */
function decodeFileName(name: string): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < name.length; ) {
    TOKEN_AT.lastIndex = i;
    const token = TOKEN_AT.exec(name);
    if (token === null) return undefined;
    const [text] = token;
    if (text.length === 1) bytes.push(text.charCodeAt(0));
    else if (text[0] === '^') bytes.push(text.charCodeAt(1) - 0x20);
    else bytes.push(parseInt(text.slice(1), 16));
    i += text.length;
  }
  return fromUtf8(bytes);
}

/**
 * The string whose UTF-8 bytes (lone surrogates in their generalized 3-byte form, as
 * `bytesOf` writes them) are `bytes`; undefined for bytes no string encodes to.
 */
function fromUtf8(bytes: readonly number[]): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] as number;
    const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return undefined;
    let cp = size === 1 ? lead : lead & (0xff >> (size + 1));
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k] as number;
      if ((next & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (cp > 0x10ffff) return undefined;
    out += String.fromCodePoint(cp);
    i += size;
  }
  return out;
}
