import { readFileSync } from 'node:fs';
import type { JsonLogLine, LogConsole } from '@dotflow/core';

/** A console that keeps each line with the method it went to, for `ConsoleLog({ console })`. */
export function capture(): LogConsole & { readonly lines: [string, string][] } {
  const lines: [string, string][] = [];
  const to = (method: string) => (line: unknown) => { lines.push([method, String(line)]); };
  return { lines, debug: to('debug'), info: to('info'), warn: to('warn'), error: to('error') };
}

/** Every line of a JSON log file, parsed: a line cut short or mixed with another fails the test. */
export function fileLines(path: string): JsonLogLine[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as JsonLogLine);
}
