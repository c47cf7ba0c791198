/**
 * A byte limit on a request body, for fastify preParsing hooks whose limit depends on the request (a cluster's GPU
 * count): a declared Content-Length over the limit is refused before a byte of the body is read; without one, the
 * stream is counted and cut off at the limit. `refuse` builds the error (and may close the connection, so the sender
 * cannot make the node drain the rest).
 */
import { Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';

export function limitBody(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  limit: number,
  refuse: () => Error,
): NodeJS.ReadableStream {
  const declared = request.headers['content-length'];
  if (declared !== undefined) {
    if (Number(declared) > limit) throw refuse();
    return payload;
  }
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limit) {
        done(refuse());
        return;
      }
      done(null, chunk);
    },
  });
  // A sender that goes away mid-body ends the parse (pipe alone would leave it waiting).
  payload.on('error', (error) => counted.destroy(error));
  payload.on('aborted', () => counted.destroy(new Error('the request was aborted')));
  payload.pipe(counted);
  return counted;
}
