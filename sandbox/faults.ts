/**
 * Fault injection: the next matching requests get a failure, a slow or odd answer, or a broken
 * connection, instead of the sandbox's own answer. Tests and demos queue faults with
 * `sandbox.control.inject(fault)` or `POST /__sandbox/faults`.
 */
import type { FastifyReply } from 'fastify';

export type FaultKind = 'status' | 'slow' | 'expire-token' | 'non-json' | 'empty' | 'raw';

export interface Fault {
  kind: FaultKind;
  /** How many matching requests get it (default 1). */
  times?: number;
  method?: string;
  /** Substring of the request path the fault applies to (default: any API path but the token call). */
  path?: string;
  status?: number;
  retryAfter?: string;
  /** Extra answer headers (Location, …). */
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  /** 'raw': the answer's text, sent as is, in `chunks` pieces `everyMs` apart. */
  text?: string;
  chunks?: number;
  everyMs?: number;
  /** 'raw': cut the connection after the first piece. */
  reset?: boolean;
}

export type QueuedFault = Fault & { left: number };

/** The first queued fault for this request (and one use of it taken), or undefined. */
export const takeFault = (faults: QueuedFault[], method: string, path: string): QueuedFault | undefined => {
  const fault = faults.find((f) => f.left > 0 && (!f.method || f.method === method) && (f.path ? path.includes(f.path) : !path.endsWith('/oauth/token')));
  if (fault) fault.left -= 1;
  return fault;
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes a raw answer: headers at once, the body in pieces, or a connection cut half-way. */
const sendRaw = async (reply: FastifyReply, fault: Fault): Promise<void> => {
  reply.hijack();
  const res = reply.raw;
  const text = fault.text ?? '';
  res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers });
  const chunks = Math.max(1, fault.chunks ?? 1);
  const size = Math.ceil(text.length / chunks);
  for (let i = 0; i < chunks; i++) {
    res.write(text.slice(i * size, (i + 1) * size));
    if (fault.reset) {
      res.socket?.destroy();
      return;
    }
    if (i < chunks - 1) await wait(fault.everyMs ?? 100);
  }
  res.end();
};

const send = async (reply: FastifyReply, status: number, type: string, body: unknown): Promise<true> => {
  await reply.code(status).type(type).send(body);
  return true;
};

/** How each kind of fault answers; false when the request should go on (a slow fault only delays it). */
const ANSWERS: Record<FaultKind, (reply: FastifyReply, fault: Fault) => Promise<boolean>> = {
  slow: async (_reply, fault) => {
    await wait(fault.delayMs ?? 1000);
    return false;
  },
  status: (reply, fault) => {
    if (fault.retryAfter !== undefined) reply.header('Retry-After', fault.retryAfter);
    return send(reply, fault.status ?? 500, 'application/json', fault.body ?? { code: 'ZC003', message: 'Injected failure' });
  },
  'non-json': (reply, fault) => send(reply, fault.status ?? 200, 'text/html', '<html><body><h1>Service Temporarily Unavailable</h1></body></html>'),
  empty: (reply, fault) => send(reply, fault.status ?? 200, 'application/json', ''),
  'expire-token': (reply) => send(reply, 401, 'application/json', { message: 'Token expired' }),
  raw: async (reply, fault) => {
    await sendRaw(reply, fault);
    return true;
  },
};

/** Answers with the fault; returns false when the request should go on. */
export const answerWithFault = (reply: FastifyReply, fault: Fault): Promise<boolean> => {
  if (fault.kind !== 'raw') for (const [name, value] of Object.entries(fault.headers ?? {})) reply.header(name, value);
  return ANSWERS[fault.kind](reply, fault);
};
