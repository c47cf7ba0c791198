/**
 * keccak256 of short inputs (at most one 136-byte block), for Merkle trees of 100,000s of leaves. A tree of n leaves
 * costs about 4n hashes of 32 to 64 bytes; viem's keccak256 (@noble/hashes) allocates a hasher, its state and its
 * output per call and costs about 10 µs here, which made the hardware root of 100,000 GPUs take seconds. This one
 * reuses one state and writes into the caller's buffer. Node-free: the browser computes hardware roots too.
 *
 * The state is 25 64-bit lanes as 50 32-bit words, lane i = (low word 2i, high word 2i + 1), little-endian bytes (the
 * only byte order JS engines run on; checked below).
 */

import { permute } from './keccak-permute';

const RATE = 136;

const state = new Int32Array(50);
const stateBytes = new Uint8Array(state.buffer);
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('keccak.ts assumes a little-endian engine');

function squeeze(out: Uint8Array, offset: number) {
  permute(state);
  out.set(stateBytes.subarray(0, 32), offset);
}

function pad(length: number) {
  stateBytes[length] = stateBytes[length]! ^ 0x01;
  stateBytes[RATE - 1] = stateBytes[RATE - 1]! ^ 0x80;
}

/** keccak256(input[from, from + length)) into out[offset, offset + 32); length < 136. */
export function keccakShort(input: Uint8Array, from: number, length: number, out: Uint8Array, offset: number) {
  if (length >= RATE) throw new RangeError(`keccakShort hashes less than ${RATE} bytes, not ${length}`);
  state.fill(0);
  stateBytes.set(input.subarray(from, from + length));
  pad(length);
  squeeze(out, offset);
}

/** keccak256 of an ASCII string (every char code < 128, length < 136) into out[offset, offset + 32). */
export function keccakAscii(text: string, out: Uint8Array, offset: number) {
  if (text.length >= RATE) throw new RangeError(`keccakAscii hashes less than ${RATE} bytes, not ${text.length}`);
  state.fill(0);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) throw new RangeError('keccakAscii hashes ASCII text only');
    stateBytes[index] = code;
  }
  pad(text.length);
  squeeze(out, offset);
}
