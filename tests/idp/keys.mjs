// Make a fresh signing key pair.
//
//   node tests/idp/keys.mjs [RS256|ES256] [kid]
//
// stdout, one line: {"private":{"keys":[JWK]},"public":{"keys":[JWK]}}
// Both JWKs carry kid (default: the RFC 7638 thumbprint), alg and "use":"sig".

import * as jose from 'jose';
import { fail } from './lib/common.mjs';

const alg = process.argv[2] ?? 'RS256';
if (!['RS256', 'ES256'].includes(alg)) fail('keys', `unsupported alg ${alg} (RS256 or ES256)`);

const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
const pub = await jose.exportJWK(publicKey);
const kid = process.argv[3] ?? await jose.calculateJwkThumbprint(pub);
const meta = { kid, alg, use: 'sig' };
const priv = { ...(await jose.exportJWK(privateKey)), ...meta };

process.stdout.write(`${JSON.stringify({ private: { keys: [priv] }, public: { keys: [{ ...pub, ...meta }] } })}\n`);
