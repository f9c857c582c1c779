import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../store/store.js';
import { TokenCheck } from './auth.js';

test('TokenCheck accepts the server token and stored ones, remembers found tokens for ttlMs, never unknown ones', () => {
  const store = Store.open(':memory:');
  let clock = 0;
  const check = new TokenCheck(store, { token: 'server-secret', ttlMs: 1000, now: () => clock });
  assert.equal(check.accepts('server-secret'), true);
  assert.equal(check.accepts('server-secreT'), false);
  assert.equal(check.accepts(''), false);
  const { token } = store.createToken('ci');
  // created after the check was made: accepted at once (misses are not remembered)
  assert.equal(check.accepts(token), true);
  const firstUse = store.findToken(token)!.lastUsedAt;
  assert.ok(firstUse);
  // a token the store no longer holds stays accepted only until the remembered entry expires
  const other = new TokenCheck(store, { ttlMs: 1000, now: () => clock });
  assert.equal(other.accepts(token), true);
  store.close();
  clock = 999;
  assert.equal(other.accepts(token), true); // from memory: the closed store is not asked
  clock = 1000;
  assert.throws(() => other.accepts(token)); // expired: asks the (closed) store again
});

test('TokenCheck without a server token accepts only stored tokens', () => {
  const store = Store.open(':memory:');
  const check = new TokenCheck(store, { token: '' });
  assert.equal(check.accepts(''), false);
  assert.equal(check.accepts('anything'), false);
  store.close();
});
