import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunViewCache, etagOf, matchesEtag } from './run-cache.js';

test('RunViewCache keeps the JSON text and ETag, forgets on delete, evicts the least recently read', () => {
  const cache = new RunViewCache(2);
  const a = cache.put('a', { id: 'a', n: 1 });
  assert.equal(a.body, '{"id":"a","n":1}');
  assert.equal(a.etag, etagOf(a.body));
  cache.put('b', { id: 'b' });
  assert.equal(cache.get('a'), a); // a is now the most recently read
  cache.put('c', { id: 'c' });
  assert.equal(cache.size, 2);
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a') && cache.get('c'));
  cache.delete('a');
  assert.equal(cache.get('a'), undefined);
});

test('etagOf is a quoted strong tag that changes with the text; matchesEtag reads lists, weak tags and *', () => {
  assert.equal(etagOf('{}'), '"vyGp6PvFo4RvsFtPoIWeCR"');
  assert.notEqual(etagOf('{"a":1}'), etagOf('{"a":2}'));
  const tag = etagOf('x');
  assert.equal(matchesEtag(undefined, tag), false);
  assert.equal(matchesEtag(tag, tag), true);
  assert.equal(matchesEtag(`"other", W/${tag}`, tag), true);
  assert.equal(matchesEtag('*', tag), true);
  assert.equal(matchesEtag('"other"', tag), false);
});
