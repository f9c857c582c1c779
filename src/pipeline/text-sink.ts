/**
 * A text output written piece by piece with back-pressure: a file, or stdout when no path is given. Errors of the
 * file (a directory that does not exist, a full disk) become ForesightError('io_error') naming it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ForesightError } from '../core/errors.js';

/** A text output opened by `openTextSink`. */
export interface TextSink {
  /** Writes `text`, waiting while the output's buffer is full. */
  write(text: string): Promise<void>;
  /** Ends the output (a file is flushed and closed; stdout stays open). */
  end(): Promise<void>;
}

/**
 * Opens `path` for writing (stdout when undefined).
 *
 * @example
 * const out = openTextSink('forecast.csv'); await out.write('a,b\n'); await out.end();
 */
export function openTextSink(path: string | undefined, stdout: Writable = process.stdout): TextSink {
  if (path === undefined) {
    return {
      write: async (text) => {
        if (!stdout.write(text)) await once(stdout, 'drain');
      },
      end: async () => {},
    };
  }
  const out = createWriteStream(path);
  let failure: ForesightError | null = null;
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (e) => {
      failure = new ForesightError('io_error', `${path}: cannot write (${e.message})`, { file: path });
      reject(failure);
    }),
  );
  failed.catch(() => {}); // the rejection is reported by the next write or end
  return {
    write: async (text) => {
      if (failure) throw failure;
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
    },
    end: async () => {
      if (failure) throw failure;
      out.end();
      await Promise.race([once(out, 'finish'), failed]);
    },
  };
}
