// Shared plumbing for the loopback test tools in tests/idp.
//
// Contract with the C# tests: a server tool writes exactly ONE line to stdout,
// a JSON object with "ready": true, once it accepts connections. Everything
// else (logs, library notices) goes to stderr. The process exits 0 on SIGTERM
// or SIGINT after closing its listener.

import { readFileSync } from 'node:fs';

// oidc-provider prints its "you SHOULD change this default" notices with
// console.info, i.e. to stdout; keep stdout for the ready line alone.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

export function makeLog(tool) {
  return (...args) => {
    const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    process.stderr.write(`[${tool} ${new Date().toISOString()}] ${text}\n`);
  };
}

export function fail(tool, message) {
  process.stderr.write(`[${tool}] error: ${message}\n`);
  process.exit(2);
}

export function readJsonFile(tool, path, what) {
  if (!path) fail(tool, `missing argument: ${what}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail(tool, `cannot read ${what} ${path}: ${err.message}`);
  }
}

export function printReady(fields) {
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ...fields })}\n`);
}

// Hostnames the tools may send traffic to: loopback only, written literally.
export function isLoopbackHost(hostname) {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

// Listen on 127.0.0.1:port (0 = any free port) and resolve the bound port.
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: Number(port) || 0 }, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

// Exit cleanly on SIGTERM/SIGINT; with IDP_WATCH_STDIN=1 also when stdin
// reaches EOF (so a crashed test runner does not leave the tool behind).
export function stopOnSignals(server, log) {
  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (process.env.IDP_WATCH_STDIN === '1') {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.resume();
  }
}

export async function readBody(req, limit = 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
