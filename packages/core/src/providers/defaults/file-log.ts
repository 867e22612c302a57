import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** How a {@link LogFile} reports that it cannot write (once). */
export type LogFileFailure = (message: string) => void;

/** The bytes of lines a file holds back at most before it writes them. */
const CAPACITY = 64 * 1024;
const NEWLINE = 10;

/**
 * The files that hold lines not yet written, flushed when the process exits (the hook is set
 * once, by the first `LogFile`, never at import; adding and removing it per flush costs more).
 */
const pending = new Set<LogFile>();
let exitHooked = false;

function flushPending(): void {
  for (const file of [...pending]) file.flush();
}

/** Closes the file of a `LogFile` that was dropped without `close()` (a log made per request). */
const collected = new FinalizationRegistry(closeFile);

function closeFile(open: { fd: number | undefined }): void {
  const fd = open.fd;
  open.fd = undefined;
  if (fd === undefined) return;
  try {
    closeSync(fd);
  } catch {
    // already unusable: nothing to release
  }
}

/**
 * Lines appended to one file: held back in memory and written in whole lines, on a short
 * unref'd timer, when 64 KiB wait, on `flush()` / `close()`, and when the process
 * exits. The file is opened (folders created) on the first write, in append mode, so two
 * processes or two logs appending to it never split each other's lines. A write that fails is
 * reported once and its lines dropped; the run never sees it.
 */
export class LogFile {
  /** The open file, if any; held apart so that a log dropped without `close()` has it closed when collected. */
  readonly #open: { fd: number | undefined } = { fd: undefined };
  /** Lines held back, encoded: `#bytes[0, #used)`. Made on the first line, released by `close()`. */
  #bytes: Buffer | undefined;
  #used = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reported = false;
  /** A write stopped halfway through a line: the next write starts on a new line. */
  #torn = false;

  /**
   * @param path The file, relative to the current folder or absolute.
   * @param flushMs How long a line may wait before it is written; `0` writes each line at once.
   * @param onFailure Told, once, that the file cannot be written.
   */
  public constructor(
    public readonly path: string,
    private readonly flushMs: number,
    private readonly onFailure: LogFileFailure,
  ) {
    collected.register(this, this.#open);
    if (exitHooked) return;
    process.on('exit', flushPending);
    exitHooked = true;
  }

  /**
   * Appends one line: the bytes of `head` then `rest` (no newline). Encoded at once: a buffer of
   * bytes costs less to keep than a long string, and a head that repeats is copied, not encoded.
   */
  public append(head: Uint8Array, rest: string): void {
    const room = head.length + 3 * rest.length + 1; // the most bytes the line can take
    if (this.#used + room > CAPACITY) this.flush();
    if (room > CAPACITY) return this.#write(Buffer.concat([head, Buffer.from(`${rest}\n`)]));
    const bytes = (this.#bytes ??= Buffer.allocUnsafe(CAPACITY));
    if (this.#used === 0) pending.add(this);
    bytes.set(head, this.#used);
    this.#used += head.length;
    this.#used += bytes.write(rest, this.#used);
    bytes[this.#used++] = NEWLINE;
    if (this.flushMs === 0) this.flush();
    else this.#timer ??= unref(setTimeout(() => this.flush(), this.flushMs));
  }

  /** Writes every line held back, synchronously. Never throws. */
  public flush(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#used === 0 || this.#bytes === undefined) return;
    const used = this.#used;
    this.#used = 0;
    pending.delete(this);
    this.#write(this.#bytes.subarray(0, used));
  }

  /** Writes `data` (whole lines) at the end of the file; a failure drops them and is reported once. */
  #write(data: Buffer): void {
    let written = 0;
    try {
      const fd = (this.#open.fd ??= open(this.path));
      if (this.#torn) writeSync(fd, '\n');
      this.#torn = false;
      while (written < data.length) written += writeSync(fd, data, written);
    } catch (error) {
      if (written > 0) this.#torn = true;
      closeFile(this.#open); // opened again by the next write
      this.#fail(error);
    }
  }

  /** Flushes, then closes the file and stops the timer; a later line opens it again. Never throws. */
  public close(): void {
    this.flush();
    closeFile(this.#open);
    this.#bytes = undefined;
  }

  #fail(error: unknown): void {
    if (this.#reported) return;
    this.#reported = true;
    const message = (error as { message?: unknown } | null)?.message; // e.g. "EEXIST: file already exists, mkdir '/x/blocker'"
    const why = typeof message === 'string' ? message : String(error);
    try {
      this.onFailure(
        `dotflow: cannot write the log file '${this.path}' (${why}); its lines are dropped until it can be written, and this is reported once. ` +
          `Pass ConsoleLog({ path }) a file whose folder can be created and written, or output: 'console'.`,
      );
    } catch {
      // the report itself failed: nowhere left to tell
    }
  }
}

/** Opens `path` for appending, creating its folders. */
function open(path: string): number {
  mkdirSync(dirname(path), { recursive: true });
  return openSync(path, 'a');
}

function unref<T extends { unref?: () => unknown }>(timer: T): T {
  timer.unref?.();
  return timer;
}
