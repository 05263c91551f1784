// Sign anything, including deliberately bad tokens.
//
//   echo '{"header":{...},"payload":{...},"key":{...JWK...}}' | node tests/idp/sign.mjs
//
// stdin: one JSON object
//   header    protected header, used as given (alg, kid, typ, crit, ... anything)
//   payload   object (serialised as JSON) or string (used verbatim as the payload bytes)
//   key       private JWK (RSA/EC/OKP), {"kty":"oct","k":...} for HS*, or a JWKS
//             {"keys":[...]} (the key whose kid is header.kid, else the first)
//   unsigned  true: no signature at all; header.alg defaults to "none" and the
//             token ends in "." (hand-assembled; jose refuses to make these)
// stdout: the compact JWS, one line.

import * as jose from 'jose';
import { fail, readBody } from './lib/common.mjs';

const TOOL = 'sign';
let input;
try {
  input = JSON.parse(await readBody(process.stdin, 16 * 1024 * 1024));
} catch (err) {
  fail(TOOL, `stdin is not one JSON object: ${err.message}`);
}

const header = input.header ?? {};
const payloadBytes = typeof input.payload === 'string'
  ? new TextEncoder().encode(input.payload)
  : new TextEncoder().encode(JSON.stringify(input.payload ?? {}));

const b64 = (bytes) => Buffer.from(bytes).toString('base64url');

let token;
if (input.unsigned) {
  const h = { alg: 'none', ...header };
  token = `${b64(JSON.stringify(h))}.${b64(payloadBytes)}.`;
} else {
  if (!header.alg) fail(TOOL, 'header.alg is required unless "unsigned": true');
  let jwk = input.key;
  if (!jwk) fail(TOOL, 'key is required unless "unsigned": true');
  if (Array.isArray(jwk.keys)) {
    jwk = jwk.keys.find((k) => header.kid !== undefined && k.kid === header.kid) ?? jwk.keys[0];
    if (!jwk) fail(TOOL, 'key JWKS has no keys');
  }
  try {
    const key = await jose.importJWK(jwk, header.alg);
    token = await new jose.CompactSign(payloadBytes).setProtectedHeader(header).sign(key);
  } catch (err) {
    fail(TOOL, `${err.code ?? err.name}: ${err.message}`);
  }
}

process.stdout.write(`${token}\n`);
