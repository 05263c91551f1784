// A Shared Signals push receiver (RFC 8935) on loopback, for transmitter tests.
//
//   node tests/idp/receiver.mjs config.json
//
// config.json:
//   { "port": 0, "jwksUri": "http://127.0.0.1:N/jwks.json", "issuer": "...", "audience": "...",
//     "responses"?: [503, 503, 503],   statuses to answer, one per POST, before 202/400 as usual
//     "alwaysStatus"?: 400,            answer every POST with this status (wins over "responses")
//     "jwksCacheMaxAgeMs"?: 0,         jose createRemoteJWKSet cacheMaxAge (default 0: fetch per SET)
//     "jwksCooldownMs"?: 0 }           jose cooldownDuration (default 0)
//
//   POST /          a SET (Content-Type: application/secevent+jwt); verified, recorded, answered
//   GET  /received  the records so far (JSON array, oldest first)
//   DELETE /received clears them
//   PUT  /script    {"alwaysStatus"?: 503|null, "responses"?: [...]}: replaces the scripted answers from now on
//
// Prints one line when ready:
//   {"ready":true,"pid":N,"url":"http://127.0.0.1:PORT","port":PORT,"endpoint":"http://127.0.0.1:PORT/"}

import { createServer } from 'node:http';
import * as jose from 'jose';
import {
  makeLog, fail, readJsonFile, printReady, isLoopbackHost, listen, stopOnSignals, readBody, sendJson,
} from './lib/common.mjs';

const TOOL = 'receiver';
const log = makeLog(TOOL);
const config = readJsonFile(TOOL, process.argv[2], 'config file');

for (const field of ['jwksUri', 'issuer', 'audience']) {
  if (!config[field]) fail(TOOL, `config.${field} is required`);
}
let jwksUrl;
try {
  jwksUrl = new URL(config.jwksUri);
} catch {
  fail(TOOL, `config.jwksUri is not a URL: ${config.jwksUri}`);
}
if (!isLoopbackHost(jwksUrl.hostname)) fail(TOOL, `config.jwksUri must be a loopback URL, got ${jwksUrl.host}`);

const jwks = jose.createRemoteJWKSet(jwksUrl, {
  cacheMaxAge: config.jwksCacheMaxAgeMs ?? 0,
  cooldownDuration: config.jwksCooldownMs ?? 0,
});
let scripted = Array.isArray(config.responses) ? [...config.responses] : [];
let alwaysStatus = config.alwaysStatus ?? undefined;
// Asymmetric algorithms only: "none" and HS* are refused as unacceptable keys.
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const received = [];
const seenJti = new Set();

class Rejection extends Error {
  constructor(err, description) {
    super(description);
    this.err = err;
  }
}

function classify(error) {
  if (error instanceof Rejection) return error;
  const { code, claim } = error;
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') return new Rejection('invalid_issuer', error.message);
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return new Rejection('invalid_audience', error.message);
  if ([
    'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC',
  ].includes(code)) {
    return new Rejection('invalid_key', error.message);
  }
  if (error instanceof TypeError && error.cause) {
    // fetch() of the JWKS failed (connection refused and the like)
    return new Rejection('invalid_key', `cannot fetch JWKS: ${error.cause.code ?? error.message}`);
  }
  return new Rejection('invalid_request', error.message);
}

async function verify(token, contentType) {
  if (contentType !== 'application/secevent+jwt') {
    throw new Rejection('invalid_request', `Content-Type must be application/secevent+jwt, got ${contentType || '(none)'}`);
  }
  const { payload } = await jose.jwtVerify(token, jwks, {
    issuer: config.issuer,
    audience: config.audience,
    typ: 'secevent+jwt',
    algorithms,
  });
  const { events } = payload;
  if (!events || typeof events !== 'object' || Array.isArray(events)) {
    throw new Rejection('invalid_request', 'missing "events" object');
  }
  const count = Object.keys(events).length;
  if (count !== 1) throw new Rejection('invalid_request', `"events" must hold exactly one event, has ${count}`);
  if (payload.sub_id === undefined || payload.sub_id === null) throw new Rejection('invalid_request', 'missing "sub_id"');
  if (typeof payload.jti !== 'string' || !payload.jti) throw new Rejection('invalid_request', 'missing "jti"');
  if (typeof payload.iat !== 'number') throw new Rejection('invalid_request', 'missing "iat"');
  return payload;
}

function unverifiedClaims(token) {
  try {
    return jose.decodeJwt(token);
  } catch {
    return {};
  }
}

async function onSet(req, res) {
  const receivedAt = Date.now();
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const token = (await readBody(req)).trim();

  let verified = false;
  let rejection;
  let claims;
  try {
    claims = await verify(token, contentType);
    verified = true;
  } catch (err) {
    rejection = classify(err);
    claims = unverifiedClaims(token);
  }

  let status;
  let body;
  let dictated = false;
  if (alwaysStatus !== undefined) {
    status = alwaysStatus;
    dictated = true;
  } else if (scripted.length) {
    status = scripted.shift();
    dictated = true;
  }
  if (dictated) {
    if (status === 400) body = { err: 'invalid_request', description: 'test' };
  } else if (verified) {
    status = 202;
  } else {
    status = 400;
    body = { err: rejection.err, description: rejection.message };
  }

  const duplicate = verified && seenJti.has(claims.jti);
  if (verified) seenJti.add(claims.jti);

  const record = {
    jti: claims.jti ?? null,
    events: claims.events ?? null,
    sub_id: claims.sub_id ?? null,
    iat: claims.iat ?? null,
    receivedAt,
    verified,
    ...(rejection ? { error: rejection.err, error_description: rejection.message } : {}),
    status,
    ...(dictated ? { scripted: true } : {}),
    ...(duplicate ? { duplicate: true } : {}),
    contentType: contentType || null,
    authorization: req.headers.authorization ?? null,
  };
  received.push(record);
  log(`SET jti=${record.jti} verified=${verified}${rejection ? ` (${rejection.err}: ${rejection.message})` : ''} -> ${status}${dictated ? ' (scripted)' : ''}`);

  if (body) {
    sendJson(res, status, body);
  } else {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
  }
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  try {
    if (req.method === 'POST' && path === '/') {
      await onSet(req, res);
    } else if (req.method === 'GET' && path === '/received') {
      sendJson(res, 200, received);
    } else if (req.method === 'PUT' && path === '/script') {
      const script = JSON.parse((await readBody(req)) || '{}');
      alwaysStatus = script.alwaysStatus ?? undefined;
      scripted = Array.isArray(script.responses) ? [...script.responses] : [];
      log(`script: alwaysStatus=${alwaysStatus ?? '-'} responses=${JSON.stringify(scripted)}`);
      sendJson(res, 200, { alwaysStatus: alwaysStatus ?? null, responses: scripted });
    } else if (req.method === 'DELETE' && path === '/received') {
      received.length = 0;
      seenJti.clear();
      sendJson(res, 200, []);
    } else {
      sendJson(res, 404, { error: 'not found' });
    }
  } catch (err) {
    log(`error: ${err.stack ?? err}`);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
  }
});

const port = await listen(server, config.port ?? 0);
stopOnSignals(server, log);
const url = `http://127.0.0.1:${port}`;
log(`accepting SETs at ${url}/ (iss ${config.issuer}, aud ${config.audience}, JWKS ${jwksUrl.href})`);
printReady({ url, port, endpoint: `${url}/` });
