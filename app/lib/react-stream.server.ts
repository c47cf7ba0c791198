/**
 * React 18.3.1's Node renderer writes its output through 2,048-byte views; when a multi-byte character does not fit at
 * the end of a view, it flushes the whole view, the 1–3 bytes it did not write included, as NULs, and goes on in a new
 * view (react#31134; fixed in React 19). A Chinese page then carried NUL bytes that the browser reads as U+FFFD, and
 * hydration saw text the server never meant. Those bytes are exactly the zeros at the end of a full view: the pages
 * hold no NUL of their own (the mirror replaces a NUL in any string it stores, db/indexer/decode-contracts.ts).
 */

/** The size of the views React 18's Node renderer flushes (VIEW_SIZE in react-dom-server.node). */
const REACT_VIEW_SIZE = 2_048;
/** The most bytes a character that did not fit can leave unwritten: a 4-byte UTF-8 sequence less the one that fits. */
const MAX_UNWRITTEN = 3;

/** `chunk` without the unwritten zero bytes React left at the end of a full view. */
export function withoutUnwrittenTail(chunk: Buffer): Buffer {
  if (chunk.length !== REACT_VIEW_SIZE) return chunk;
  let end = chunk.length;
  while (end > chunk.length - MAX_UNWRITTEN && chunk[end - 1] === 0) end -= 1;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}
