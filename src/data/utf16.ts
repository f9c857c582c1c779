/**
 * UTF-16 text read as UTF-8: Excel's "Unicode Text" export and PowerShell's default `Out-File` write UTF-16
 * with a byte-order mark. Without this step the UTF-8 check refuses such a file at its first byte, and a
 * UTF-16 file without a mark reads as a header of letters separated by NUL bytes.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { ForesightError } from '../core/errors.js';

/**
 * The UTF-16 form announced by the first bytes of a text: 'utf-16le' for FF FE, 'utf-16be' for FE FF, null
 * otherwise (a UTF-8 mark EF BB BF is left to the UTF-8 reader).
 *
 * @example
 * utf16Form(Buffer.from([0xff, 0xfe, 0x61, 0x00])) // 'utf-16le'
 */
export function utf16Form(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head.length < 2) return null;
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Whether the first bytes look like UTF-16 without a byte-order mark: an ASCII character next to a NUL byte
 * (`u\0n\0` or `\0u\0n`), which UTF-8 text never starts with.
 */
function looksLikeUnmarkedUtf16(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const ascii = (b: number) => b >= 0x20 && b < 0x7f;
  const le = ascii(head[0]) && head[1] === 0 && ascii(head[2]) && head[3] === 0;
  const be = head[0] === 0 && ascii(head[1]) && head[2] === 0 && ascii(head[3]);
  return le || be;
}

/**
 * A transform that passes UTF-8 (or any text without a UTF-16 mark) through unchanged and re-encodes text that
 * starts with a UTF-16 byte-order mark as UTF-8 (the mark dropped). Fails with ForesightError('invalid_input')
 * naming `file` for UTF-16 that is broken (an unpaired surrogate, an odd byte count) and for UTF-16 without a
 * mark, which cannot be told apart from binary data reliably.
 *
 * @example
 * // FF FE 61 00 0A 00 -> the bytes of 'a\n'
 */
export function utf16ToUtf8(file: string): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  let decoder: TextDecoder | null = null;
  const broken = (e: unknown) =>
    new ForesightError(
      'invalid_input',
      `${file}: the text starts with a ${decoder!.encoding.toUpperCase()} byte-order mark but is not valid ${decoder!.encoding.toUpperCase()} (${(e as Error).message}); save the file as UTF-8`,
      { file },
    );
  const start = (bytes: Buffer): Buffer | ForesightError => {
    const form = utf16Form(bytes);
    if (form === null) {
      if (looksLikeUnmarkedUtf16(bytes))
        return new ForesightError(
          'invalid_input',
          `${file} line 1: the text looks like UTF-16 without a byte-order mark (NUL bytes between the letters); save the file as UTF-8`,
          { file, line: 1 },
        );
      return bytes;
    }
    // ignoreBOM false (the default): the decoder drops the mark itself
    decoder = new TextDecoder(form, { fatal: true });
    return Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8');
  };
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        if (head !== null) {
          head = Buffer.concat([head, chunk]);
          if (head.length < 4) return callback();
          const out = start(head);
          head = null;
          return out instanceof ForesightError ? callback(out) : callback(null, out);
        }
        callback(null, decoder ? Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8') : chunk);
      } catch (e) {
        callback(broken(e));
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (head !== null && head.length > 0) {
          const out = start(head);
          head = null;
          if (out instanceof ForesightError) return callback(out);
          this.push(out);
        }
        if (decoder) this.push(Buffer.from(decoder.decode(), 'utf8'));
        callback();
      } catch (e) {
        callback(broken(e));
      }
    },
  });
}
