/**
 * A rendered document travels from entry.server.tsx to the HTTP server (scripts/stack/web.ts) as an ordinary Response,
 * tagged with the buffer it was made of, so that the server can write that buffer in one piece (with its length)
 * instead of reading it back through the Response's web stream (issue 12: a tenth of a full render). Whatever
 * rebuilds the Response on the way (a HEAD answer, the shared cache) drops the tag, and the stream is read as usual.
 */

// Symbol.for: the server build bundles its own copy of this module; both copies must agree on the key.
const documentBody = Symbol.for('rackshare.document-body');

type TaggedResponse = Response & { [documentBody]?: Buffer<ArrayBuffer> };

export function documentResponse(body: Buffer<ArrayBuffer>, init: ResponseInit): Response {
  const response: TaggedResponse = new Response(body, init);
  response[documentBody] = body;
  return response;
}

/** The buffer `response` was made of when it is a rendered document nobody has rebuilt, else undefined. */
export function documentBodyOf(response: Response): Buffer<ArrayBuffer> | undefined {
  return (response as TaggedResponse)[documentBody];
}
