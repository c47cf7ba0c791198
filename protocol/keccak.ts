/**
 * keccak256 of short inputs (at most one 136-byte block), for Merkle trees of 100,000s of leaves. A tree of n leaves
 * costs about 4n hashes of 32 to 64 bytes; viem's keccak256 (@noble/hashes) allocates a hasher, its state and its
 * output per call and costs about 10 µs here, which made the hardware root of 100,000 GPUs take seconds. This one
 * reuses one state and writes into the caller's buffer. Node-free: the browser computes hardware roots too.
 *
 * The state is 25 64-bit lanes as 50 32-bit words, lane i = (low word 2i, high word 2i + 1), little-endian bytes (the
 * only byte order JS engines run on; checked below).
 */

const RATE = 136;
const ROTATIONS = new Int32Array(24);
const PI_LANES = new Int32Array(24);
const ROUND_LOW = new Int32Array(24);
const ROUND_HIGH = new Int32Array(24);
for (let round = 0, lfsr = 1, x = 1, y = 0; round < 24; round++) {
  [x, y] = [y, (2 * x + 3 * y) % 5];
  PI_LANES[round] = 2 * (5 * y + x);
  ROTATIONS[round] = (((round + 1) * (round + 2)) / 2) % 64;
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 7; bit++) {
    lfsr = ((lfsr << 1) ^ ((lfsr >> 7) * 0x71)) % 256;
    if (lfsr & 2) {
      const position = (1 << bit) - 1;
      if (position < 32) low ^= 1 << position;
      else high ^= 1 << (position - 32);
    }
  }
  ROUND_LOW[round] = low;
  ROUND_HIGH[round] = high;
}

const state = new Int32Array(50);
const stateBytes = new Uint8Array(state.buffer);
if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('keccak.ts assumes a little-endian engine');

// Generated: one round unrolled over 50 local words (engines keep them in registers; a loop over the typed array
// was 3x slower).
function permute(s: Int32Array) {
  let s0 = s[0]!,
    s1 = s[1]!,
    s2 = s[2]!,
    s3 = s[3]!,
    s4 = s[4]!,
    s5 = s[5]!,
    s6 = s[6]!,
    s7 = s[7]!,
    s8 = s[8]!,
    s9 = s[9]!,
    s10 = s[10]!,
    s11 = s[11]!,
    s12 = s[12]!,
    s13 = s[13]!,
    s14 = s[14]!,
    s15 = s[15]!,
    s16 = s[16]!,
    s17 = s[17]!,
    s18 = s[18]!,
    s19 = s[19]!,
    s20 = s[20]!,
    s21 = s[21]!,
    s22 = s[22]!,
    s23 = s[23]!,
    s24 = s[24]!,
    s25 = s[25]!,
    s26 = s[26]!,
    s27 = s[27]!,
    s28 = s[28]!,
    s29 = s[29]!,
    s30 = s[30]!,
    s31 = s[31]!,
    s32 = s[32]!,
    s33 = s[33]!,
    s34 = s[34]!,
    s35 = s[35]!,
    s36 = s[36]!,
    s37 = s[37]!,
    s38 = s[38]!,
    s39 = s[39]!,
    s40 = s[40]!,
    s41 = s[41]!,
    s42 = s[42]!,
    s43 = s[43]!,
    s44 = s[44]!,
    s45 = s[45]!,
    s46 = s[46]!,
    s47 = s[47]!,
    s48 = s[48]!,
    s49 = s[49]!;
  let b0 = 0,
    b1 = 0,
    b2 = 0,
    b3 = 0,
    b4 = 0,
    b5 = 0,
    b6 = 0,
    b7 = 0,
    b8 = 0,
    b9 = 0,
    b10 = 0,
    b11 = 0,
    b12 = 0,
    b13 = 0,
    b14 = 0,
    b15 = 0,
    b16 = 0,
    b17 = 0,
    b18 = 0,
    b19 = 0,
    b20 = 0,
    b21 = 0,
    b22 = 0,
    b23 = 0,
    b24 = 0,
    b25 = 0,
    b26 = 0,
    b27 = 0,
    b28 = 0,
    b29 = 0,
    b30 = 0,
    b31 = 0,
    b32 = 0,
    b33 = 0,
    b34 = 0,
    b35 = 0,
    b36 = 0,
    b37 = 0,
    b38 = 0,
    b39 = 0,
    b40 = 0,
    b41 = 0,
    b42 = 0,
    b43 = 0,
    b44 = 0,
    b45 = 0,
    b46 = 0,
    b47 = 0,
    b48 = 0,
    b49 = 0,
    c0 = 0,
    c1 = 0,
    c2 = 0,
    c3 = 0,
    c4 = 0,
    c5 = 0,
    c6 = 0,
    c7 = 0,
    c8 = 0,
    c9 = 0,
    dl = 0,
    dh = 0;
  for (let round = 0; round < 24; round++) {
    c0 = s0 ^ s10 ^ s20 ^ s30 ^ s40;
    c1 = s1 ^ s11 ^ s21 ^ s31 ^ s41;
    c2 = s2 ^ s12 ^ s22 ^ s32 ^ s42;
    c3 = s3 ^ s13 ^ s23 ^ s33 ^ s43;
    c4 = s4 ^ s14 ^ s24 ^ s34 ^ s44;
    c5 = s5 ^ s15 ^ s25 ^ s35 ^ s45;
    c6 = s6 ^ s16 ^ s26 ^ s36 ^ s46;
    c7 = s7 ^ s17 ^ s27 ^ s37 ^ s47;
    c8 = s8 ^ s18 ^ s28 ^ s38 ^ s48;
    c9 = s9 ^ s19 ^ s29 ^ s39 ^ s49;
    dl = ((c2 << 1) | (c3 >>> 31)) ^ c8;
    dh = ((c3 << 1) | (c2 >>> 31)) ^ c9;
    s0 ^= dl;
    s1 ^= dh;
    s10 ^= dl;
    s11 ^= dh;
    s20 ^= dl;
    s21 ^= dh;
    s30 ^= dl;
    s31 ^= dh;
    s40 ^= dl;
    s41 ^= dh;
    dl = ((c4 << 1) | (c5 >>> 31)) ^ c0;
    dh = ((c5 << 1) | (c4 >>> 31)) ^ c1;
    s2 ^= dl;
    s3 ^= dh;
    s12 ^= dl;
    s13 ^= dh;
    s22 ^= dl;
    s23 ^= dh;
    s32 ^= dl;
    s33 ^= dh;
    s42 ^= dl;
    s43 ^= dh;
    dl = ((c6 << 1) | (c7 >>> 31)) ^ c2;
    dh = ((c7 << 1) | (c6 >>> 31)) ^ c3;
    s4 ^= dl;
    s5 ^= dh;
    s14 ^= dl;
    s15 ^= dh;
    s24 ^= dl;
    s25 ^= dh;
    s34 ^= dl;
    s35 ^= dh;
    s44 ^= dl;
    s45 ^= dh;
    dl = ((c8 << 1) | (c9 >>> 31)) ^ c4;
    dh = ((c9 << 1) | (c8 >>> 31)) ^ c5;
    s6 ^= dl;
    s7 ^= dh;
    s16 ^= dl;
    s17 ^= dh;
    s26 ^= dl;
    s27 ^= dh;
    s36 ^= dl;
    s37 ^= dh;
    s46 ^= dl;
    s47 ^= dh;
    dl = ((c0 << 1) | (c1 >>> 31)) ^ c6;
    dh = ((c1 << 1) | (c0 >>> 31)) ^ c7;
    s8 ^= dl;
    s9 ^= dh;
    s18 ^= dl;
    s19 ^= dh;
    s28 ^= dl;
    s29 ^= dh;
    s38 ^= dl;
    s39 ^= dh;
    s48 ^= dl;
    s49 ^= dh;
    b0 = s0;
    b1 = s1;
    b20 = (s2 << 1) | (s3 >>> 31);
    b21 = (s3 << 1) | (s2 >>> 31);
    b14 = (s20 << 3) | (s21 >>> 29);
    b15 = (s21 << 3) | (s20 >>> 29);
    b22 = (s14 << 6) | (s15 >>> 26);
    b23 = (s15 << 6) | (s14 >>> 26);
    b34 = (s22 << 10) | (s23 >>> 22);
    b35 = (s23 << 10) | (s22 >>> 22);
    b36 = (s34 << 15) | (s35 >>> 17);
    b37 = (s35 << 15) | (s34 >>> 17);
    b6 = (s36 << 21) | (s37 >>> 11);
    b7 = (s37 << 21) | (s36 >>> 11);
    b10 = (s6 << 28) | (s7 >>> 4);
    b11 = (s7 << 28) | (s6 >>> 4);
    b32 = (s11 << 4) | (s10 >>> 28);
    b33 = (s10 << 4) | (s11 >>> 28);
    b16 = (s33 << 13) | (s32 >>> 19);
    b17 = (s32 << 13) | (s33 >>> 19);
    b42 = (s17 << 23) | (s16 >>> 9);
    b43 = (s16 << 23) | (s17 >>> 9);
    b48 = (s42 << 2) | (s43 >>> 30);
    b49 = (s43 << 2) | (s42 >>> 30);
    b8 = (s48 << 14) | (s49 >>> 18);
    b9 = (s49 << 14) | (s48 >>> 18);
    b30 = (s8 << 27) | (s9 >>> 5);
    b31 = (s9 << 27) | (s8 >>> 5);
    b46 = (s31 << 9) | (s30 >>> 23);
    b47 = (s30 << 9) | (s31 >>> 23);
    b38 = (s47 << 24) | (s46 >>> 8);
    b39 = (s46 << 24) | (s47 >>> 8);
    b26 = (s38 << 8) | (s39 >>> 24);
    b27 = (s39 << 8) | (s38 >>> 24);
    b24 = (s26 << 25) | (s27 >>> 7);
    b25 = (s27 << 25) | (s26 >>> 7);
    b4 = (s25 << 11) | (s24 >>> 21);
    b5 = (s24 << 11) | (s25 >>> 21);
    b40 = (s5 << 30) | (s4 >>> 2);
    b41 = (s4 << 30) | (s5 >>> 2);
    b28 = (s40 << 18) | (s41 >>> 14);
    b29 = (s41 << 18) | (s40 >>> 14);
    b44 = (s29 << 7) | (s28 >>> 25);
    b45 = (s28 << 7) | (s29 >>> 25);
    b18 = (s45 << 29) | (s44 >>> 3);
    b19 = (s44 << 29) | (s45 >>> 3);
    b12 = (s18 << 20) | (s19 >>> 12);
    b13 = (s19 << 20) | (s18 >>> 12);
    b2 = (s13 << 12) | (s12 >>> 20);
    b3 = (s12 << 12) | (s13 >>> 20);
    s0 = b0 ^ (~b2 & b4);
    s1 = b1 ^ (~b3 & b5);
    s2 = b2 ^ (~b4 & b6);
    s3 = b3 ^ (~b5 & b7);
    s4 = b4 ^ (~b6 & b8);
    s5 = b5 ^ (~b7 & b9);
    s6 = b6 ^ (~b8 & b0);
    s7 = b7 ^ (~b9 & b1);
    s8 = b8 ^ (~b0 & b2);
    s9 = b9 ^ (~b1 & b3);
    s10 = b10 ^ (~b12 & b14);
    s11 = b11 ^ (~b13 & b15);
    s12 = b12 ^ (~b14 & b16);
    s13 = b13 ^ (~b15 & b17);
    s14 = b14 ^ (~b16 & b18);
    s15 = b15 ^ (~b17 & b19);
    s16 = b16 ^ (~b18 & b10);
    s17 = b17 ^ (~b19 & b11);
    s18 = b18 ^ (~b10 & b12);
    s19 = b19 ^ (~b11 & b13);
    s20 = b20 ^ (~b22 & b24);
    s21 = b21 ^ (~b23 & b25);
    s22 = b22 ^ (~b24 & b26);
    s23 = b23 ^ (~b25 & b27);
    s24 = b24 ^ (~b26 & b28);
    s25 = b25 ^ (~b27 & b29);
    s26 = b26 ^ (~b28 & b20);
    s27 = b27 ^ (~b29 & b21);
    s28 = b28 ^ (~b20 & b22);
    s29 = b29 ^ (~b21 & b23);
    s30 = b30 ^ (~b32 & b34);
    s31 = b31 ^ (~b33 & b35);
    s32 = b32 ^ (~b34 & b36);
    s33 = b33 ^ (~b35 & b37);
    s34 = b34 ^ (~b36 & b38);
    s35 = b35 ^ (~b37 & b39);
    s36 = b36 ^ (~b38 & b30);
    s37 = b37 ^ (~b39 & b31);
    s38 = b38 ^ (~b30 & b32);
    s39 = b39 ^ (~b31 & b33);
    s40 = b40 ^ (~b42 & b44);
    s41 = b41 ^ (~b43 & b45);
    s42 = b42 ^ (~b44 & b46);
    s43 = b43 ^ (~b45 & b47);
    s44 = b44 ^ (~b46 & b48);
    s45 = b45 ^ (~b47 & b49);
    s46 = b46 ^ (~b48 & b40);
    s47 = b47 ^ (~b49 & b41);
    s48 = b48 ^ (~b40 & b42);
    s49 = b49 ^ (~b41 & b43);
    s0 ^= ROUND_LOW[round]!;
    s1 ^= ROUND_HIGH[round]!;
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  s[4] = s4;
  s[5] = s5;
  s[6] = s6;
  s[7] = s7;
  s[8] = s8;
  s[9] = s9;
  s[10] = s10;
  s[11] = s11;
  s[12] = s12;
  s[13] = s13;
  s[14] = s14;
  s[15] = s15;
  s[16] = s16;
  s[17] = s17;
  s[18] = s18;
  s[19] = s19;
  s[20] = s20;
  s[21] = s21;
  s[22] = s22;
  s[23] = s23;
  s[24] = s24;
  s[25] = s25;
  s[26] = s26;
  s[27] = s27;
  s[28] = s28;
  s[29] = s29;
  s[30] = s30;
  s[31] = s31;
  s[32] = s32;
  s[33] = s33;
  s[34] = s34;
  s[35] = s35;
  s[36] = s36;
  s[37] = s37;
  s[38] = s38;
  s[39] = s39;
  s[40] = s40;
  s[41] = s41;
  s[42] = s42;
  s[43] = s43;
  s[44] = s44;
  s[45] = s45;
  s[46] = s46;
  s[47] = s47;
  s[48] = s48;
  s[49] = s49;
}

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
