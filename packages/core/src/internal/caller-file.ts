import { isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's own folder (`src` or `dist`): its frames are skipped. */
const OWN_ROOT = resolve(__dirname, '..') + sep;

/**
 * The file of the module that called into Dotflow (e.g. the module where `@Action()` or
 * `action()` was written): the first frame of the current stack outside this package, as an
 * absolute path (`file://` URLs of ES modules are converted). `undefined` when there is none
 * (code run from `eval`, a REPL…). Reads V8's structured stack, so it costs a stack capture:
 * call it only when the file is needed.
 */
export function callerFile(): string | undefined {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back as it was, never called here
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let sites: readonly NodeJS.CallSite[] = [];
  try {
    Error.stackTraceLimit = 50;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callerFile);
    sites = holder.stack as readonly NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  for (const site of sites) {
    const file = toPath(site.getFileName());
    if (file !== undefined && !file.startsWith(OWN_ROOT)) return file;
  }
  return undefined;
}

/** A frame's file as an absolute path, or `undefined` for `node:` internals, `eval` and the like. */
export function toPath(file: string | null | undefined): string | undefined {
  if (!file) return undefined;
  if (file.startsWith('file://')) return fileURLToPath(file);
  return isAbsolute(file) ? file : undefined;
}
