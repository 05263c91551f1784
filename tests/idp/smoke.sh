#!/usr/bin/env bash
# Smoke test of the loopback test tools: starts provider, jwks-server and two
# receivers on 127.0.0.1, checks them, and stops each by its PID.
#
#   tests/idp/smoke.sh          (runs `npm ci` first when node_modules is missing;
#                                SMOKE_NPM_CI=1 forces it)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [[ ! -d node_modules || "${SMOKE_NPM_CI:-0}" == 1 ]]; then
  npm ci --no-audit --no-fund
fi

work="$(mktemp -d)"
pids=()

stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
cleanup() {
  local rc=$?
  stop_all
  if [[ $rc -ne 0 ]]; then
    echo "smoke: FAILED (rc=$rc); tool logs:" >&2
    for f in "$work"/*.err; do
      [[ -e "$f" ]] || continue
      echo "--- $(basename "$f")" >&2
      tail -n 30 "$f" >&2
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

field() { node -e 'const o=JSON.parse(process.argv[1]); const v=o[process.argv[2]]; if (v===undefined) process.exit(1); process.stdout.write(String(v))' "$1" "$2"; }

# start NAME CMD...: run a tool in the background (its PID goes to pids),
# wait for its one JSON ready line on stdout and put that line in $ready.
# Not called in $(...): the tool must be this shell's child, to be waited for.
start() {
  local name="$1"; shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$!
  pids+=("$pid")
  local i
  for i in $(seq 1 150); do
    if [[ -s "$work/$name.out" ]] && grep -q . "$work/$name.out"; then
      ready="$(head -n 1 "$work/$name.out")"
      if [[ "$(field "$ready" pid)" != "$pid" ]]; then
        echo "smoke: $name reports pid $(field "$ready" pid), started as $pid" >&2
        return 1
      fi
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "smoke: $name exited before it was ready" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "smoke: $name not ready after 15 s" >&2
  return 1
}


# --- keys: the transmitter key served by jwks-server, and another one
node keys.mjs RS256 >"$work/tx.json"
node keys.mjs ES256 >"$work/other.json"
node -e 'const fs=require("fs"); fs.writeFileSync(process.argv[2], JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1])).public))' \
  "$work/tx.json" "$work/tx.public.json"

# --- provider
cat >"$work/provider.json" <<JSON
{ "port": 0,
  "jwksOut": "$work/op.private.jwks.json",
  "clients": [ { "client_id": "smoke", "client_secret": "smoke-secret-0123456789abcdef",
                 "redirect_uris": ["http://127.0.0.1:9/cb"],
                 "post_logout_redirect_uris": ["http://127.0.0.1:9/bye"],
                 "backchannel_logout_uri": "http://127.0.0.1:9/bcl",
                 "backchannel_logout_session_required": true,
                 "token_endpoint_auth_method": "client_secret_basic" } ],
  "accounts": { "alice": { "sub": "alice", "preferred_username": "alice", "name": "Alice" } } }
JSON
start provider node provider.mjs "$work/provider.json"
provider_ready="$ready"
echo "provider:    $provider_ready"

start jwks node jwks-server.mjs "$work/tx.public.json"
jwks_ready="$ready"
echo "jwks-server: $jwks_ready"
jwks_uri="$(field "$jwks_ready" jwks_uri)"

cat >"$work/receiver.json" <<JSON
{ "port": 0, "jwksUri": "$jwks_uri", "issuer": "https://grid.test", "audience": "https://receiver.test" }
JSON
start receiver node receiver.mjs "$work/receiver.json"
receiver_ready="$ready"
echo "receiver:    $receiver_ready"

cat >"$work/receiver503.json" <<JSON
{ "port": 0, "jwksUri": "$jwks_uri", "issuer": "https://grid.test", "audience": "https://receiver.test",
  "responses": [503, 503] }
JSON
start receiver503 node receiver.mjs "$work/receiver503.json"
receiver503_ready="$ready"
echo "receiver503: $receiver503_ready"

# --- the checks (Node's fetch; loopback only)
PROVIDER="$provider_ready" JWKS="$jwks_ready" RECEIVER="$receiver_ready" RECEIVER503="$receiver503_ready" WORK="$work" \
node --input-type=module <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import * as jose from 'jose';

const provider = JSON.parse(process.env.PROVIDER);
const jwksServer = JSON.parse(process.env.JWKS);
const receiver = JSON.parse(process.env.RECEIVER);
const receiver503 = JSON.parse(process.env.RECEIVER503);
const work = process.env.WORK;
const read = (f) => JSON.parse(readFileSync(`${work}/${f}`, 'utf8'));
const ok = (what) => console.log(`  ok  ${what}`);
const sign = (input) => execFileSync(process.execPath, ['sign.mjs'], { input: JSON.stringify(input) }).toString().trim();

for (const tool of [provider, jwksServer, receiver, receiver503]) {
  assert.equal(tool.ready, true);
  assert.match(tool.url, /^http:\/\/127\.0\.0\.1:\d+$/);
}

// discovery
const disco = await (await fetch(provider.discovery)).json();
assert.equal(disco.issuer, provider.issuer);
assert.equal(disco.backchannel_logout_supported, true);
assert.equal(disco.backchannel_logout_session_supported, true);
assert.equal(disco.end_session_endpoint, provider.end_session_endpoint);
assert.equal(disco.jwks_uri, provider.jwks_uri);
assert.deepEqual(disco.code_challenge_methods_supported, ['S256']);
assert.ok(disco.scopes_supported.includes('profile'));
ok(`discovery: backchannel_logout_supported, end_session_endpoint ${disco.end_session_endpoint}`);

// the private key the provider wrote (jwksOut) signs tokens its own JWKS verifies
const opPrivate = read('op.private.jwks.json');
const opPublic = await (await fetch(disco.jwks_uri)).json();
assert.equal(opPublic.keys[0].kid, opPrivate.keys[0].kid);
assert.equal(opPublic.keys[0].d, undefined);
const asProvider = sign({ header: { alg: 'RS256', kid: opPrivate.keys[0].kid, typ: 'JWT' }, payload: { iss: provider.issuer, sub: 'alice' }, key: opPrivate });
await jose.jwtVerify(asProvider, jose.createLocalJWKSet(opPublic), { issuer: provider.issuer });
ok('a token signed with the jwksOut private key verifies against the provider JWKS');

// authorization request without PKCE is refused (redirect with error)
const noPkce = await fetch(`${disco.authorization_endpoint}?client_id=smoke&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}`, { redirect: 'manual' });
assert.equal(noPkce.status, 303);
assert.match(noPkce.headers.get('location'), /^http:\/\/127\.0\.0\.1:9\/cb\?error=invalid_request&error_description=[^&]*PKCE/);
ok('authorization request without PKCE -> error=invalid_request');

// SETs
const tx = read('tx.json');
const other = read('other.json');
const now = Math.floor(Date.now() / 1000);
const setInput = (jti, over = {}) => ({
  header: { alg: 'RS256', kid: tx.private.keys[0].kid, typ: 'secevent+jwt' },
  payload: {
    iss: 'https://grid.test', aud: 'https://receiver.test', iat: now, jti,
    sub_id: { format: 'opaque', id: 'user-1' },
    events: { 'https://schemas.openid.net/secevent/caep/event-type/session-revoked': { event_timestamp: now } },
    ...over,
  },
  key: tx.private,
});
const push = async (r, token, type = 'application/secevent+jwt') => {
  const res = await fetch(r.endpoint, { method: 'POST', headers: { 'content-type': type, accept: 'application/json' }, body: token });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

const good = sign(setInput('jti-good'));
let res = await push(receiver, good);
assert.equal(res.status, 202);
assert.equal(res.body, null);
ok('SET signed with the served key -> 202');

const [h, , s] = good.split('.');
const tamperedPayload = Buffer.from(JSON.stringify({ ...jose.decodeJwt(good), jti: 'jti-tampered' })).toString('base64url');
res = await push(receiver, `${h}.${tamperedPayload}.${s}`);
assert.equal(res.status, 400);
assert.equal(res.body.err, 'invalid_key');
ok(`tampered SET -> 400 ${JSON.stringify(res.body)}`);

res = await push(receiver, sign({ ...setInput('jti-other'), header: { alg: 'ES256', kid: other.private.keys[0].kid, typ: 'secevent+jwt' }, key: other.private }));
assert.deepEqual([res.status, res.body.err], [400, 'invalid_key']);
ok('SET signed with another key -> 400 invalid_key');

res = await push(receiver, sign({ ...setInput('jti-none'), header: { typ: 'secevent+jwt' }, unsigned: true }));
assert.deepEqual([res.status, res.body.err], [400, 'invalid_key']);
ok('alg none SET -> 400 invalid_key');

res = await push(receiver, sign(setInput('jti-iss', { iss: 'https://evil.test' })));
assert.deepEqual([res.status, res.body.err], [400, 'invalid_issuer']);
res = await push(receiver, sign(setInput('jti-aud', { aud: 'https://other.test' })));
assert.deepEqual([res.status, res.body.err], [400, 'invalid_audience']);
res = await push(receiver, sign({ ...setInput('jti-typ'), header: { alg: 'RS256', kid: tx.private.keys[0].kid, typ: 'JWT' } }));
assert.deepEqual([res.status, res.body.err], [400, 'invalid_request']);
ok('wrong iss / aud / typ -> invalid_issuer / invalid_audience / invalid_request');

const received = await (await fetch(`${receiver.url}/received`)).json();
assert.equal(received.length, 7);
assert.deepEqual(
  { jti: received[0].jti, verified: received[0].verified, status: received[0].status, sub_id: received[0].sub_id },
  { jti: 'jti-good', verified: true, status: 202, sub_id: { format: 'opaque', id: 'user-1' } },
);
assert.deepEqual(Object.keys(received[0].events), ['https://schemas.openid.net/secevent/caep/event-type/session-revoked']);
assert.equal(typeof received[0].receivedAt, 'number');
assert.deepEqual([received[1].jti, received[1].verified, received[1].error, received[1].status], ['jti-tampered', false, 'invalid_key', 400]);
ok('GET /received has the accepted SET and the rejected ones');

// scripted statuses, then 202
const statuses = [];
for (const jti of ['r1', 'r2', 'r3']) statuses.push((await push(receiver503, sign(setInput(jti)))).status);
assert.deepEqual(statuses, [503, 503, 202]);
ok('receiver with "responses":[503,503] -> 503, 503, 202');

// key rotation via the JWKS file, and the request counter
const before = (await (await fetch(`${jwksServer.url}/requests`)).json()).count;
assert.ok(before >= 1);
writeFileSync(jwksServer.file, JSON.stringify(other.public));
res = await push(receiver, sign({ ...setInput('jti-rotated'), header: { alg: 'ES256', kid: other.private.keys[0].kid, typ: 'secevent+jwt' }, key: other.private }));
assert.equal(res.status, 202);
const after = (await (await fetch(`${jwksServer.url}/requests`)).json()).count;
assert.ok(after > before);
ok(`rotated JWKS file picked up; jwks-server counted ${before} -> ${after} requests`);
JS

# --- stop everything by PID; each must exit 0 on SIGTERM
for pid in "${pids[@]}"; do
  kill -TERM "$pid"
done
for pid in "${pids[@]}"; do
  rc=0
  wait "$pid" || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "smoke: PID $pid exited $rc on SIGTERM" >&2
    exit 1
  fi
done
pids=()
echo "  ok  all tools exited 0 on SIGTERM"

if grep -h 'back-channel\|logout_token' "$work"/provider.err | grep -q 'logout_token='; then
  echo "smoke: provider log contains a logout token" >&2
  exit 1
fi
echo "smoke: PASS"
