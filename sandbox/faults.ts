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

/** Answers with the fault; returns false when the request should go on (a slow fault only delays it). */
export const answerWithFault = async (reply: FastifyReply, fault: Fault): Promise<boolean> => {
  for (const [name, value] of Object.entries(fault.headers ?? {})) if (fault.kind !== 'raw') reply.header(name, value);
  switch (fault.kind) {
    case 'slow':
      await wait(fault.delayMs ?? 1000);
      return false;
    case 'status':
      if (fault.retryAfter !== undefined) reply.header('Retry-After', fault.retryAfter);
      await reply.code(fault.status ?? 500).send(fault.body ?? { code: 'ZC003', message: 'Injected failure' });
      return true;
    case 'non-json':
      await reply
        .code(fault.status ?? 200)
        .type('text/html')
        .send('<html><body><h1>Service Temporarily Unavailable</h1></body></html>');
      return true;
    case 'empty':
      await reply
        .code(fault.status ?? 200)
        .type('application/json')
        .send('');
      return true;
    case 'expire-token':
      await reply.code(401).send({ message: 'Token expired' });
      return true;
    case 'raw':
      await sendRaw(reply, fault);
      return true;
  }
};
