'use strict';
// Loaded with --require before every monitor program (NodeMonitorSandbox). Node 24's permission
// model (--permission) denies file access beyond the program and its zip, child processes,
// workers, addons, WASI, the inspector and process.binding; it has no network permission
// (--allow-net came in Node 25). In the bubblewrap sandbox the kernel does the rest (no network,
// no other process, no file of the host); this guard then makes refusals readable. When hosts
// are allowed, it carries their connections through the one way out, a Unix socket to the
// server (EgressRelay), which checks the host again before it connects; no TCP socket is ever
// made in here. Without the sandbox (REGISTRY_MONITOR_ISOLATION=permission-model) this guard is
// what stands between a program and the network, a weaker layer: see docs/architecture.md.
//
// Everything below uses only functions captured before the program runs, so a program that
// replaces a built-in (Array.prototype.some, String.prototype.toLowerCase) changes nothing here.
// The sandbox writes the allowed hosts and the relay's path into the two placeholders.
const ALLOWED = /*ALLOWED_HOSTS*/[];
const RELAY = /*RELAY_PATH*/null;

const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const dgram = require('node:dgram');
const os = require('node:os');

const call = Function.prototype.call;
const bind = Function.prototype.bind;
const uncurry = (f) => call.bind(f);
const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
const getOwnPropertyNames = Object.getOwnPropertyNames;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const getPrototypeOf = Object.getPrototypeOf;
const isArray = Array.isArray;
const NumberOf = Number;
const StringOf = String;
const ErrorOf = Error;
const toLowerCase = uncurry(String.prototype.toLowerCase);
const replace = uncurry(String.prototype.replace);
const regexTest = uncurry(RegExp.prototype.test);
const BRACKETS = /^\[(.*)\]$/;
const TRAILING_DOT = /\.$/;
const DIGITS = /^\d+$/;
const TLS_OPTIONS = ['servername', 'ca', 'cert', 'key', 'rejectUnauthorized', 'ALPNProtocols', 'session',
  'minVersion', 'maxVersion', 'checkServerIdentity'];
const DNS_SKIP = /^(constructor|Resolver|getServers|getDefaultResultOrder|setDefaultResultOrder|cancel)$/;
const hosts = [];
for (let i = 0; i < ALLOWED.length; i++) {
  hosts[i] = { host: ALLOWED[i].host, port: ALLOWED[i].port };
}

function denied(what) {
  const error = new ErrorOf('monitor sandbox: ' + what + ' is not allowed');
  error.code = 'ERR_ACCESS_DENIED';
  return error;
}

function bare(host) {
  return replace(replace(toLowerCase(StringOf(host)), BRACKETS, '$1'), TRAILING_DOT, '');
}

function allowedHost(host, port) {
  const h = bare(host);
  for (let i = 0; i < hosts.length; i++) {
    if (hosts[i].host === h && (port === undefined || hosts[i].port === 0 || hosts[i].port === NumberOf(port))) {
      return true;
    }
  }
  return false;
}

function seal(target, name, value) {
  defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
}

function refuse(target, name, what) {
  const descriptor = target && getOwnPropertyDescriptor(target, name);
  if (descriptor && descriptor.configurable) {
    seal(target, name, function refused() {
      throw denied(what);
    });
  }
}

/** The destination of a connect call, read once (a getter cannot answer differently later). */
function destination(args) {
  const first = args[0];
  const options = isArray(first) ? first[0] : first;
  if (options !== null && typeof options === 'object') {
    return {
      path: options.path, fd: options.fd, handle: options.handle,
      host: options.host === undefined ? 'localhost' : options.host, port: options.port,
    };
  }
  if (typeof options === 'string' && !regexTest(DIGITS, options)) {
    return { path: options };
  }
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: options };
}

// Every TCP or TLS client connection (net, http, https, http2, fetch, WebSocket) goes through
// Socket.prototype.connect. It is called again here with fresh arguments built from the checked
// destination alone, so nothing the program passed (a lookup of its own, a getter) goes further.
const connect = net.Socket.prototype.connect;
// Node's own accessor of a socket's handle, fixed in place so that no program replaces it
const handleAccessor = getOwnPropertyDescriptor(net.Socket.prototype, '_handle');
if (handleAccessor && handleAccessor.configurable) {
  defineProperty(net.Socket.prototype, '_handle', { get: handleAccessor.get, set: handleAccessor.set,
    enumerable: handleAccessor.enumerable, configurable: false });
}

/** Whether the socket carries a handle already (a program's fake, to catch the connect request). */
function hasHandle(socket) {
  for (let o = socket; o; o = getPrototypeOf(o)) {
    const d = getOwnPropertyDescriptor(o, '_handle');
    if (!d) {
      continue;
    }
    if (handleAccessor && d.get === handleAccessor.get && d.set === handleAccessor.set) {
      const handle = handleAccessor.get ? apply(handleAccessor.get, socket, []) : undefined;
      return handle !== null && handle !== undefined;
    }
    return d.get !== undefined || d.set !== undefined || (d.value !== null && d.value !== undefined);
  }
  return false;
}

seal(net.Socket.prototype, 'connect', function guardedConnect(...args) {
  const to = destination(args);
  if (to.path !== undefined || to.fd !== undefined || to.handle !== undefined) {
    throw denied('a connection to a local socket');
  }
  const host = StringOf(to.host);
  const port = NumberOf(to.port);
  if (!allowedHost(host, port)) {
    throw denied('a connection to ' + host + ':' + port);
  }
  if (hasHandle(this)) {
    throw denied('connecting a socket that brings its own handle');
  }
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  if (RELAY === null) {
    // (unreachable: with no relay no host is allowed)
    throw denied('a connection to ' + host + ':' + port);
  }
  // the relay connects, after checking the host itself (in the sandbox there is no other network)
  const socket = apply(connect, this, callback ? [{ path: RELAY }, callback] : [{ path: RELAY }]);
  socket.write(bare(host) + ':' + port + '\n');
  return socket;
});
// TLS over the relay needs its plaintext line below the encryption: the raw socket is made first.
const tlsConnect = tls.connect;
seal(tls, 'connect', function guardedTlsConnect(...args) {
  const to = destination(args);
  const first = args[0];
  const options = first !== null && typeof first === 'object' && !isArray(first) ? first : {};
  if (RELAY === null || options.socket !== undefined) {
    return apply(tlsConnect, tls, args);
  }
  const host = StringOf(to.host);
  const raw = net.connect({ host, port: NumberOf(to.port) });
  const rest = {};
  for (let i = 0; i < TLS_OPTIONS.length; i++) {
    const key = TLS_OPTIONS[i];
    if (options[key] !== undefined) rest[key] = options[key];
  }
  if (rest.servername === undefined && !net.isIP(host)) rest.servername = host;
  rest.socket = raw;
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  return apply(tlsConnect, tls, callback ? [rest, callback] : [rest]);
});

// no listening, no datagrams, no raw handles, no other way to a socket
refuse(net.Server.prototype, 'listen', 'listening for connections');
refuse(net.Server.prototype, '_listen2', 'listening for connections');
refuse(net, '_createServerHandle', 'a raw socket handle');
refuse(net, 'BoundSocket', 'a bound socket');
refuse(dgram, 'createSocket', 'UDP');
refuse(dgram, 'Socket', 'UDP');
refuse(dgram, '_createSocketHandle', 'UDP');
for (const method of ['bind', 'connect', 'send', 'addMembership', 'addSourceSpecificMembership']) {
  refuse(dgram.Socket.prototype, method, 'UDP');
}
refuse(os, 'setPriority', 'changing a process\'s priority');
// node:sqlite opens and creates files of its own, past the permission model
const sqlite = require('node:sqlite');
refuse(sqlite, 'DatabaseSync', 'SQLite');
refuse(sqlite, 'backup', 'SQLite');
// The pipes to the server are handles too: their class may dial the relay and nothing else, and
// may not open, bind or listen (a program could otherwise connect to itself and pile data up in
// kernel buffers, or reach a local daemon).
const pipes = [process.stdout._handle, process.stderr._handle];
for (let i = 0; i < pipes.length; i++) {
  const proto = pipes[i] && getPrototypeOf(pipes[i]);
  for (const method of ['bind', 'listen', 'open']) {
    refuse(proto, method, 'a raw pipe handle');
  }
  const descriptor = proto && getOwnPropertyDescriptor(proto, 'connect');
  if (descriptor && descriptor.configurable) {
    const pipeConnect = descriptor.value;
    seal(proto, 'connect', function guardedPipeConnect(request, path, ...rest) {
      if (RELAY === null || path !== RELAY) {
        throw denied('a connection to a local socket');
      }
      return apply(pipeConnect, this, [request, path, ...rest]);
    });
  }
}

// DNS queries carry data out by themselves (a name under an attacker's domain), so only the
// allowed names are resolved.
function guardResolver(target) {
  const names = getOwnPropertyNames(target);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const descriptor = getOwnPropertyDescriptor(target, name);
    const original = descriptor.value;
    if (typeof original !== 'function' || !descriptor.configurable || regexTest(DNS_SKIP, name)) {
      continue;
    }
    seal(target, name, function guardedDns(hostname, ...rest) {
      if (name === 'setServers' || name === 'reverse' || name === 'lookupService'
          || typeof hostname !== 'string' || !allowedHost(hostname)) {
        throw denied('resolving ' + (typeof hostname === 'string' ? hostname : 'that address'));
      }
      return apply(original, this, [hostname, ...rest]);
    });
  }
}
guardResolver(dns);
guardResolver(dns.promises);
for (const resolver of [dns.Resolver, dns.promises.Resolver]) {
  for (let p = resolver.prototype; p && p !== Object.prototype; p = getPrototypeOf(p)) {
    guardResolver(p);
  }
}

// Signals: outside the sandbox the program runs as the server's user, which could stop it.
const pid = process.pid;
const exit = bind.call(process.exit, process);
seal(process, 'kill', function guardedKill(target) {
  if (target !== pid) {
    throw denied('signalling another process');
  }
  exit(1);
});
refuse(process, '_kill', 'signalling a process');
if (process.report) {
  refuse(process.report, 'writeReport', 'writing a report');
}
