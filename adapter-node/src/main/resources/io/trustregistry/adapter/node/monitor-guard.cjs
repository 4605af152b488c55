'use strict';
// Loaded with --require before every monitor program (NodeMonitorSandbox). Node 24's permission
// model (--permission) already denies file access beyond the program and its zip, child
// processes, workers, addons, WASI, the inspector and process.binding; it has no network
// permission (--allow-net arrived in Node 25), so this file closes the network and process
// signals in JavaScript, before any untrusted code runs. The allowed hosts are written into the
// placeholder below by the sandbox; the default is none.
const ALLOWED = /*ALLOWED_HOSTS*/[];

const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');

function denied(what) {
  const error = new Error('monitor sandbox: ' + what + ' is not allowed');
  error.code = 'ERR_ACCESS_DENIED';
  return error;
}

function bare(host) {
  return String(host).toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function allowedHost(host, port) {
  const h = bare(host);
  return ALLOWED.some((a) => a.host === h && (port === undefined || a.port === 0 || a.port === Number(port)));
}

function seal(target, name, value) {
  Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
}

// Every TCP or TLS client connection (net, http, https, http2, fetch, WebSocket) goes through
// Socket.prototype.connect. Unix-domain sockets are refused outright: they reach local daemons
// (the database, a container engine) whatever the network allows.
const connect = net.Socket.prototype.connect;
seal(net.Socket.prototype, 'connect', function guardedConnect(...args) {
  let options;
  if (Array.isArray(args[0])) {
    options = args[0][0];
  } else if (args[0] !== null && typeof args[0] === 'object') {
    options = args[0];
  } else if (typeof args[0] === 'string' && !/^\d+$/.test(args[0])) {
    options = { path: args[0] };
  } else {
    options = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  }
  if (options.path !== undefined || options.fd !== undefined) {
    throw denied('a connection to a local socket');
  }
  const host = options.host === undefined ? 'localhost' : options.host;
  if (!allowedHost(host, options.port)) {
    throw denied('a connection to ' + host + ':' + options.port);
  }
  if (options.lookup !== undefined) {
    // a caller's own lookup could map an allowed name to any address
    options.lookup = undefined;
  }
  return connect.apply(this, args);
});
seal(net.Server.prototype, 'listen', function guardedListen() {
  throw denied('listening for connections');
});
for (const method of ['bind', 'connect', 'send', 'addMembership', 'addSourceSpecificMembership']) {
  seal(dgram.Socket.prototype, method, function guardedDatagram() {
    throw denied('UDP');
  });
}

// DNS queries carry data out by themselves (a name under an attacker's domain), so only the
// allowed names are resolved.
function guardResolver(target) {
  for (const name of Object.getOwnPropertyNames(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    const original = descriptor.value;
    if (typeof original !== 'function' || !descriptor.configurable
        || /^(constructor|Resolver|getServers|getDefaultResultOrder|setDefaultResultOrder|cancel)$/.test(name)) {
      continue;
    }
    seal(target, name, function guardedDns(hostname, ...rest) {
      if (name === 'setServers' || name === 'reverse' || name === 'lookupService'
          || typeof hostname !== 'string' || !allowedHost(hostname)) {
        throw denied('resolving ' + (typeof hostname === 'string' ? hostname : 'that address'));
      }
      return original.call(this, hostname, ...rest);
    });
  }
}
guardResolver(dns);
guardResolver(dns.promises);
for (const resolver of [dns.Resolver, dns.promises.Resolver]) {
  for (let p = resolver.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    guardResolver(p);
  }
}

// Signals: the program runs as the server's user, which could otherwise stop the server.
seal(process, 'kill', function guardedKill(pid) {
  if (pid !== process.pid) {
    throw denied('signalling another process');
  }
  process.exit(1);
});
seal(process, '_kill', function guardedRawKill() {
  throw denied('signalling a process');
});
if (process.report) {
  seal(process.report, 'writeReport', function guardedReport() {
    throw denied('writing a report');
  });
}
