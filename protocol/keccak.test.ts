import { bytesToHex, keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { keccakAscii, keccakShort } from './keccak';

describe('short-input keccak256', () => {
  it('equals viem keccak256 for every length from 0 to 135 bytes, at any offset', () => {
    const source = Uint8Array.from({ length: 300 }, (_, index) => (index * 151 + 17) & 0xff);
    const out = new Uint8Array(40);
    for (let length = 0; length < 136; length++) {
      const from = length % 7;
      keccakShort(source, from, length, out, 8);
      expect(bytesToHex(out.subarray(8, 40))).toBe(keccak256(source.subarray(from, from + length)));
    }
  });

  it('hashes ASCII text like its UTF-8 bytes and refuses what it cannot hash in one block', () => {
    const out = new Uint8Array(32);
    const uuid = 'GPU-5f3e2a10-8c1b-4e7a-9d2c-0a1b2c3d4e5f';
    keccakAscii(uuid, out, 0);
    expect(bytesToHex(out)).toBe(keccak256(stringToBytes(uuid)));
    expect(() => keccakAscii('GPU-é', out, 0)).toThrow(/ASCII/);
    expect(() => keccakShort(new Uint8Array(136), 0, 136, out, 0)).toThrow(RangeError);
  });
});
