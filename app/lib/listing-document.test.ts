import { keccak256, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { LISTING_URI_MAX_LENGTH, listingDocumentHash, listingUriSchema } from './listing-document';

describe('the listing document rule', () => {
  it('hashes a typed document as its UTF-8 bytes, the same as the file holding those bytes', () => {
    const text = '{"name":"KR-SEL-01 H100","note":"机架 7 — 8× GPU"}\n';
    const bytes = new TextEncoder().encode(text);
    expect(listingDocumentHash(text)).toBe(keccak256(bytes));
    expect(listingDocumentHash(bytes)).toBe(keccak256(toHex(bytes)));
    // An empty document is a document too: the hash of no bytes, as at registration.
    expect(listingDocumentHash('')).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });

  it('accepts a URI with a scheme and refuses text, spaces and overlong addresses', () => {
    expect(listingUriSchema.parse('  ipfs://bafy/listing.json ')).toBe('ipfs://bafy/listing.json');
    expect(listingUriSchema.safeParse('https://example.org/a b').success).toBe(false);
    expect(listingUriSchema.safeParse('listing.json').success).toBe(false);
    expect(listingUriSchema.safeParse(`https://example.org/${'a'.repeat(LISTING_URI_MAX_LENGTH)}`).success).toBe(false);
  });
});
