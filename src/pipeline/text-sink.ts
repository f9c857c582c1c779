/**
 * A text output written piece by piece with back-pressure: a file, or stdout when no path is given. Errors of the
 * file (a directory that does not exist, a full disk) become ForesightError('io_error') naming it.
 */
import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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
 * Opens `path` for writing (stdout when undefined). The file is created at the first write, so a run that fails
 * before writing anything leaves an existing file as it was; that the file can be written is checked now (its
 * folder exists and is writable, or the file itself is), so a wrong path fails before any work is done. Throws
 * ForesightError('io_error') naming `path`.
 *
 * @example
 * const out = await openTextSink('forecast.csv'); await out.write('a,b\n'); await out.end();
 */
export async function openTextSink(path: string | undefined, stdout: Writable = process.stdout): Promise<TextSink> {
  if (path === undefined) {
    return {
      write: async (text) => {
        if (!stdout.write(text)) await once(stdout, 'drain');
      },
      end: async () => {},
    };
  }
  await checkWritable(path);
  let file: { out: WriteStream; failed: Promise<never> } | null = null;
  let failure: ForesightError | null = null;
  const open = () => {
    const out = createWriteStream(path);
    const failed = new Promise<never>((_, reject) =>
      out.once('error', (e) => {
        failure = new ForesightError('io_error', `${path}: cannot write (${e.message})`, { file: path });
        reject(failure);
      }),
    );
    failed.catch(() => {}); // the rejection is reported by the next write or end
    return { out, failed };
  };
  return {
    write: async (text) => {
      if (failure) throw failure;
      file ??= open();
      if (!file.out.write(text)) await Promise.race([once(file.out, 'drain'), file.failed]);
    },
    end: async () => {
      if (failure) throw failure;
      if (!file) return;
      file.out.end();
      await Promise.race([once(file.out, 'finish'), file.failed]);
    },
  };
}

/** Throws ForesightError('io_error') naming `path` unless it is a writable file or could be created as one. */
async function checkWritable(path: string): Promise<void> {
  const fail = (reason: string) => {
    throw new ForesightError('io_error', `${path}: cannot write (${reason})`, { file: path });
  };
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) fail('it is a folder');
  try {
    await access(info ? path : dirname(resolve(path)), constants.W_OK);
  } catch (e) {
    fail((e as Error).message);
  }
}
