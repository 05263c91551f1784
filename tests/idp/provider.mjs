// A real OpenID Provider (npm oidc-provider 9) for the tests, on 127.0.0.1 over plain http.
//
//   node tests/idp/provider.mjs config.json
//
// config.json:
//   { "port": 0, "issuer"?: "http://127.0.0.1:{port}", "clients": [...],
//     "jwksFile"?: "private.jwks.json", "jwksOut"?: "written-private.jwks.json",
//     "accounts"?: { "alice": { "sub": "alice", "preferred_username": "alice", "name": "Alice" } } }
//
// Prints one line when ready:
//   {"ready":true,"pid":N,"url":"http://127.0.0.1:PORT","issuer":...,"port":PORT,
//    "discovery":".../.well-known/openid-configuration","jwks_uri":".../jwks",
//    "end_session_endpoint":".../session/end","kids":[...],"jwksFile":...}

import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import * as jose from 'jose';
import Provider from 'oidc-provider';
import {
  makeLog, fail, readJsonFile, printReady, isLoopbackHost, listen, stopOnSignals,
} from './lib/common.mjs';

const TOOL = 'provider';
const log = makeLog(TOOL);
const configPath = process.argv[2];
const config = readJsonFile(TOOL, configPath, 'config file');

if (!Array.isArray(config.clients) || config.clients.length === 0) {
  fail(TOOL, 'config.clients must be a non-empty array');
}

// ---- signing keys --------------------------------------------------------

async function loadOrMakeJwks() {
  if (config.jwksFile) {
    const jwks = readJsonFile(TOOL, resolvePath(config.jwksFile), 'jwksFile');
    if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) fail(TOOL, 'jwksFile has no "keys"');
    for (const k of jwks.keys) {
      if (!k.d) fail(TOOL, `jwksFile key ${k.kid ?? '(no kid)'} is not a private key`);
    }
    return { jwks, written: undefined };
  }
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = await jose.calculateJwkThumbprint(jwk);
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  const jwks = { keys: [jwk] };
  let written;
  if (config.jwksOut) {
    written = resolvePath(config.jwksOut);
    writeFileSync(written, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });
  } else {
    log('warning: no jwksFile and no jwksOut; the generated signing key is not saved anywhere');
  }
  return { jwks, written };
}

// ---- accounts ------------------------------------------------------------

const accounts = config.accounts ?? {};
for (const [id, claims] of Object.entries(accounts)) {
  // oidc-provider puts the account id, not claims().sub, into logout tokens;
  // a different sub in the ID token would make the two disagree.
  if (claims.sub !== undefined && claims.sub !== id) {
    fail(TOOL, `accounts.${id}.sub must equal the account id "${id}" (got "${claims.sub}")`);
  }
}

async function findAccount(_ctx, id) {
  const known = Object.hasOwn(accounts, id) ? accounts[id] : undefined;
  const claims = known
    ? { ...known, sub: id }
    : { sub: id, preferred_username: id, name: id };
  return { accountId: id, claims: async () => claims };
}

// ---- clients -------------------------------------------------------------

const clients = config.clients.map((c) => {
  const client = {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    require_auth_time: true,
    ...c,
  };
  if (client.backchannel_logout_uri && client.backchannel_logout_session_required === undefined) {
    client.backchannel_logout_session_required = true;
  }
  return client;
});

// ---- outgoing requests (back-channel logout) -----------------------------

// oidc-provider hands every outgoing request an undici dispatcher that
// destroys sockets to loopback/private addresses (SSRF guard). The harness
// only ever talks to loopback, so: drop that dispatcher for literal loopback
// hosts and refuse everything else outright.
async function loopbackFetch(url, options) {
  const target = new URL(url);
  const isLogout = options.body instanceof URLSearchParams && options.body.has('logout_token');
  const what = isLogout ? 'back-channel logout POST' : `${options.method ?? 'GET'}`;
  if (!isLoopbackHost(target.hostname)) {
    log(`${what} ${target.href} refused: not a loopback host`);
    throw new Error(`test provider refuses non-loopback request to ${target.host}`);
  }
  const { dispatcher, ...rest } = options; // eslint-disable-line no-unused-vars
  try {
    const response = await globalThis.fetch(url, rest);
    log(`${what} ${target.href} -> ${response.status}`);
    return response;
  } catch (err) {
    log(`${what} ${target.href} failed: ${err.cause?.code ?? err.name}: ${err.cause?.message ?? err.message}`);
    throw err;
  }
}

// ---- pages ---------------------------------------------------------------

// The built-in pages @import Google Fonts; keep the browser on loopback.
// oidc-provider appends the hash of its own inline auto-submit scripts to
// script-src, so those still run. form-action is left open on purpose:
// Chromium applies it to the redirect chain after a form POST, which ends
// at the client's (other origin) redirect_uri.
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'";

// ---- start ---------------------------------------------------------------

let handler = (_req, res) => { res.writeHead(503); res.end(); };
const server = createServer((req, res) => handler(req, res));
const port = await listen(server, config.port ?? 0);
const url = `http://127.0.0.1:${port}`;
const issuer = (config.issuer ?? url).replace('{port}', String(port));

const { jwks, written } = await loadOrMakeJwks();

const provider = new Provider(issuer, {
  clients,
  jwks,
  findAccount,
  claims: {
    acr: null,
    auth_time: null,
    iss: null,
    sid: null,
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'given_name', 'family_name', 'nickname',
      'picture', 'profile', 'website', 'locale', 'zoneinfo', 'updated_at'],
    email: ['email', 'email_verified'],
  },
  // Put the profile claims into the ID token too (not only into UserInfo),
  // so a relying party that does not call UserInfo still sees them.
  conformIdTokenClaims: false,
  // Every client must send PKCE (S256), not only public ones.
  pkce: { required: () => true },
  cookies: {
    keys: [randomBytes(32).toString('base64url')],
  },
  features: {
    devInteractions: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 3600,
    Session: 24 * 3600,
    Grant: 24 * 3600,
  },
  fetch: loopbackFetch,
});

provider.use(async (ctx, next) => {
  ctx.set('content-security-policy', CSP);
  await next();
});

provider.on('server_error', (_ctx, err) => log(`server_error: ${err.stack ?? err}`));
provider.on('backchannel.success', (_ctx, client, accountId, sid) => {
  log(`back-channel logout accepted by client ${client.clientId} (sub ${accountId}, sid ${sid ?? '-'})`);
});
provider.on('backchannel.error', (_ctx, err, client, accountId, sid) => {
  log(`back-channel logout to client ${client.clientId} failed (sub ${accountId}, sid ${sid ?? '-'}): ${err.message}`);
});
provider.on('end_session.success', (ctx) => log(`end_session.success (client ${ctx.oidc.client?.clientId ?? '-'})`));
provider.on('authorization.success', (ctx) => log(`authorization.success (client ${ctx.oidc.client?.clientId ?? '-'})`));
provider.on('grant.success', (ctx) => log(`grant.success (client ${ctx.oidc.client?.clientId ?? '-'})`));
provider.on('grant.error', (_ctx, err) => log(`grant.error: ${err.message}${err.error_description ? ` (${err.error_description})` : ''}`));
provider.on('authorization.error', (_ctx, err) => log(`authorization.error: ${err.message}${err.error_description ? ` (${err.error_description})` : ''}`));
provider.on('end_session.error', (_ctx, err) => log(`end_session.error: ${err.message}${err.error_description ? ` (${err.error_description})` : ''}`));

// oidc-provider validates static clients lazily, on first use; fail now instead.
for (const { client_id: id } of clients) {
  try {
    if (!await provider.Client.find(String(id))) fail(TOOL, `client ${id} not found after configuration`);
  } catch (err) {
    fail(TOOL, `client ${id}: ${err.message}${err.error_description ? ` (${err.error_description})` : ''}`);
  }
}

handler = provider.callback();
stopOnSignals(server, log);

log(`listening on ${url}, issuer ${issuer}, clients ${clients.map((c) => c.client_id).join(', ')}`);
printReady({
  url,
  issuer,
  port,
  discovery: `${issuer}/.well-known/openid-configuration`,
  jwks_uri: `${issuer}/jwks`,
  end_session_endpoint: `${issuer}/session/end`,
  kids: jwks.keys.map((k) => k.kid ?? null),
  jwksFile: config.jwksFile ? resolvePath(config.jwksFile) : written ?? null,
});
