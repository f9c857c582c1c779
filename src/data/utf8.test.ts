import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { firstInvalidUtf8, utf8Guard } from './utf8.js';

test('firstInvalidUtf8 finds stray bytes, overlong forms and surrogates, and carries a cut sequence', () => {
  assert.deepEqual(firstInvalidUtf8(Buffer.from('a\u00e9\u20ac\u{1F600}')), { invalid: -1, cut: -1 });
  assert.deepEqual(firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62])), { invalid: 1, cut: -1 });
  assert.deepEqual(firstInvalidUtf8(Buffer.from([0xc0, 0x80])), { invalid: 0, cut: -1 }); // overlong NUL
  assert.deepEqual(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80])), { invalid: 1, cut: -1 }); // a UTF-16 surrogate
  const euro = Buffer.from('ab\u20ac');
  assert.deepEqual(firstInvalidUtf8(euro.subarray(0, 4), true), { invalid: -1, cut: 2 });
  assert.deepEqual(firstInvalidUtf8(euro.subarray(0, 4), false), { invalid: 2, cut: -1 });
});

test('utf8Guard passes valid text split anywhere and names the line of a bad byte', async () => {
  const text = Buffer.from('id\nZ\u00fcrich\n\u20ac\n');
  for (let cut = 1; cut < text.length; cut++) {
    const out: Buffer[] = [];
    for await (const chunk of Readable.from([text.subarray(0, cut), text.subarray(cut)]).pipe(utf8Guard('f.csv')))
      out.push(chunk as Buffer);
    assert.equal(Buffer.concat(out).toString(), text.toString(), `cut at ${cut}`);
  }
  const bad = Readable.from([Buffer.from('a\nb\n'), Buffer.from([0x63, 0xff])]).pipe(utf8Guard('f.csv'));
  await assert.rejects(async () => {
    for await (const _ of bad) void _;
  }, /f\.csv line 3: the text is not UTF-8 \(byte 0xFF at byte 6\)/);
});
