// Start a PLC directory and the reference Bluesky PDS (@atproto/dev-env) in this Node process,
// for SafeDesk's tests. Run by tests/servers/pds_harness.py with the Node 22 that install.sh put
// into the cache directory:
//
//   node start-pds.mjs --app-dir CACHE/app --pds-port N --plc-port M --log-file FILE
//                      [--rate-limits] [--exit-on-stdin-close [--orphan-cleanup-dir DIR]]
//
// Every server listens on 127.0.0.1 only. SQLite files and blobs go to os.tmpdir(): set TMPDIR to a
// folder of this run and delete it afterwards. When both servers accept requests, exactly one line
// of JSON is written to stdout:
//
//   {"ready": true, "pds": "http://127.0.0.1:N", "plc": "http://127.0.0.1:M", "pid": 1234, ...}
//
// Everything else (the servers' pino logs, console output, errors) goes to --log-file or stderr.
// SIGTERM or SIGINT (and, with --exit-on-stdin-close, the end of stdin) close the servers and exit 0.
// The end of stdin means the harness died: then --orphan-cleanup-dir (its run directory, holding
// TMPDIR and the log) is deleted too, since nobody else will.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const LOOPBACK = '127.0.0.1';
const CLOSE_TIMEOUT_MS = 10_000;

const { values: args } = parseArgs({
  options: {
    'app-dir': { type: 'string' },
    'pds-port': { type: 'string' },
    'plc-port': { type: 'string' },
    'log-file': { type: 'string' },
    'rate-limits': { type: 'boolean', default: false },
    'exit-on-stdin-close': { type: 'boolean', default: false },
    'orphan-cleanup-dir': { type: 'string' },
  },
  strict: true,
});

function fail(message) {
  process.stderr.write(`start-pds: ${message}\n`);
  process.exit(2);
}

function portArg(name) {
  const text = args[name];
  const port = Number(text);
  if (!text || !Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`--${name} must be a TCP port, got ${JSON.stringify(text)}`);
  }
  return port;
}

if (!args['app-dir']) fail('--app-dir is required');
if (!args['log-file']) fail('--log-file is required');
const appDir = path.resolve(args['app-dir']);
const pdsPort = portArg('pds-port');
const plcPort = portArg('plc-port');

// The servers log with pino to fd 1 unless LOG_DESTINATION is set, and @atproto/common reads these
// variables when it is first imported, so they must be set before dev-env is loaded.
process.env.LOG_ENABLED ??= 'true';
process.env.LOG_LEVEL ??= 'info';
process.env.LOG_DESTINATION = path.resolve(args['log-file']);

// stdout carries the ready line and nothing else: anything written through process.stdout
// (console.log and friends) goes to stderr, which the harness sends to the log as well.
const writeStdoutLine = (line) => fs.writeSync(1, `${line}\n`);
process.stdout.write = process.stderr.write.bind(process.stderr);

// Loopback only: whatever host the servers ask for, they get 127.0.0.1. Unix sockets and listening
// on existing handles are passed through unchanged.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...listenArgs) {
  const callback = typeof listenArgs.at(-1) === 'function' ? listenArgs.pop() : undefined;
  const [first, second, third] = listenArgs;
  let options;
  if (first === undefined || first === null || typeof first === 'number' || /^\d+$/.test(`${first}`)) {
    options = { port: Number(first ?? 0) };
    const backlog = typeof second === 'number' ? second : third;
    if (typeof backlog === 'number') options.backlog = backlog;
  } else if (typeof first === 'object' && !('fd' in first) && !('_handle' in first) && !first.path) {
    options = { ...first };
  } else {
    return originalListen.apply(this, callback ? [...listenArgs, callback] : listenArgs);
  }
  options.host = LOOPBACK;
  delete options.ipv6Only;
  return callback
    ? originalListen.call(this, options, callback)
    : originalListen.call(this, options);
};

const requireFromApp = createRequire(path.join(appDir, 'package.json'));
let devEnv;
try {
  devEnv = await import(pathToFileURL(requireFromApp.resolve('@atproto/dev-env')).href);
} catch (err) {
  fail(`cannot load @atproto/dev-env from ${appDir} (run install.sh): ${err?.stack ?? err}`);
}

const plcUrl = `http://${LOOPBACK}:${plcPort}`;
const network = await devEnv.TestNetworkNoAppView.create({
  plc: { port: plcPort },
  pds: {
    port: pdsPort,
    // dev-env would hand the PDS http://localhost:PORT, which may resolve to ::1 first.
    didPlcUrl: plcUrl,
    rateLimitsEnabled: args['rate-limits'],
  },
});

let closing = false;
async function shutdown(reason, orphaned = false) {
  if (closing) return;
  closing = true;
  process.stderr.write(`start-pds: closing (${reason})\n`);
  const timer = setTimeout(() => {
    process.stderr.write(`start-pds: servers did not close within ${CLOSE_TIMEOUT_MS} ms\n`);
    process.exit(1);
  }, CLOSE_TIMEOUT_MS);
  timer.unref();
  try {
    await network.close();
  } catch (err) {
    process.stderr.write(`start-pds: error while closing: ${err?.stack ?? err}\n`);
    process.exit(1);
  }
  if (orphaned && args['orphan-cleanup-dir']) {
    fs.rmSync(path.resolve(args['orphan-cleanup-dir']), { recursive: true, force: true });
  }
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
if (args['exit-on-stdin-close']) {
  process.stdin.on('end', () => void shutdown('stdin closed', true));
  process.stdin.on('error', () => void shutdown('stdin error', true));
  process.stdin.resume();
}

writeStdoutLine(
  JSON.stringify({
    ready: true,
    pds: `http://${LOOPBACK}:${network.pds.port}`,
    plc: plcUrl,
    pid: process.pid,
    pdsPublicUrl: network.pds.ctx.cfg.service.publicUrl,
    pdsDid: network.pds.ctx.cfg.service.did,
    handleDomains: network.pds.ctx.cfg.identity.serviceHandleDomains,
    adminPassword: devEnv.ADMIN_PASSWORD ?? null,
    rateLimits: args['rate-limits'],
    node: process.version,
  }),
);
