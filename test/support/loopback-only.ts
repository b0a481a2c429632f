// The sandbox suites run without nock (its interception costs a POST 40 ms over loopback), so
// the rule that no test reaches the network is kept here: a socket may connect to this machine only.
import http from 'node:http';
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const original = net.Socket.prototype.connect;

/** The host a connect() call names: Node passes options, [options, callback], or (port, host). */
const hostOf = (args: unknown[]): string | undefined => {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) return (first as { path?: string }).path ? undefined : ((first as { host?: string }).host ?? 'localhost');
  return typeof args[1] === 'string' ? args[1] : 'localhost';
};

net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !LOOPBACK.test(host)) throw new Error(`A test tried to reach ${host}: tests never leave this machine.`);
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

// Node keeps sockets alive between requests, and a worker runs several files: a socket kept to the
// last file's sandbox could be handed to this file's sandbox if it got the same port. Start clean.
beforeAll(() => http.globalAgent.destroy());

afterAll(() => {
  http.globalAgent.destroy();
  net.Socket.prototype.connect = original;
});
