// Serve a JWKS file on loopback, re-read on every request (so a test can rotate keys).
//
//   node tests/idp/jwks-server.mjs path/to/public.jwks.json [port]
//
//   GET /jwks.json   the file's bytes as they are now (application/json); 404 if it is gone
//   GET /requests    {"count":N}: how many GET /jwks.json were answered so far
//   DELETE /requests resets the count to 0
//
// Prints one line when ready: {"ready":true,"pid":N,"url":"http://127.0.0.1:PORT","port":PORT,
//                              "jwks_uri":"http://127.0.0.1:PORT/jwks.json","file":"/abs/path"}

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import {
  makeLog, fail, printReady, listen, stopOnSignals, sendJson,
} from './lib/common.mjs';

const TOOL = 'jwks-server';
const log = makeLog(TOOL);
if (!process.argv[2]) fail(TOOL, 'usage: jwks-server.mjs <jwks file> [port]');
const file = resolvePath(process.argv[2]);
const port = Number(process.argv[3] ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(TOOL, `bad port ${process.argv[3]}`);

let count = 0;

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  if (req.method === 'GET' && path === '/jwks.json') {
    count += 1;
    let body;
    try {
      body = await readFile(file);
    } catch (err) {
      log(`GET /jwks.json #${count} -> 404 (${err.code})`);
      sendJson(res, 404, { error: 'jwks file not readable', code: err.code });
      return;
    }
    try {
      if (JSON.parse(body.toString('utf8')).keys?.some((k) => k.d !== undefined || k.k !== undefined)) {
        log('warning: the served JWKS contains private or symmetric key material');
      }
    } catch {
      log('note: the served file is not valid JSON (served as is)');
    }
    log(`GET /jwks.json #${count} -> 200 (${body.length} bytes)`);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  } else if (req.method === 'GET' && path === '/requests') {
    sendJson(res, 200, { count });
  } else if (req.method === 'DELETE' && path === '/requests') {
    count = 0;
    sendJson(res, 200, { count });
  } else {
    sendJson(res, 404, { error: 'not found' });
  }
});

const bound = await listen(server, port);
stopOnSignals(server, log);
const url = `http://127.0.0.1:${bound}`;
log(`serving ${file} at ${url}/jwks.json`);
printReady({ url, port: bound, jwks_uri: `${url}/jwks.json`, file });
