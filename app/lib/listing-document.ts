/**
 * A cluster's listing document (the registry's metadataURI and metadataHash): the one rule by which the operator's
 * browser turns the document into the hash the registry keeps — keccak256 of the document's bytes, the typed text as
 * UTF-8 — used by registration (RegisterForm) and by the Hardware tab's update (ListingDocumentPanel) alike, so a
 * document hashed at registration and the same document given again hash the same; the demo's documents are hashed by
 * the same rule (oracle/simulator/metadata.ts), so anyone who fetches the URI can check the bytes against the chain.
 */
import { type Hex, keccak256, stringToBytes } from 'viem';
import { z } from 'zod';

/** Longest URI the forms accept (the registry takes any string; a listing is shown whole on the cluster page). */
export const LISTING_URI_MAX_LENGTH = 512;

/** A URI with a scheme (ipfs://…, https://…, ar://…), no spaces. */
export const listingUriSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i)
  .max(LISTING_URI_MAX_LENGTH);

/** The hash the registry keeps for a document: keccak256 of its bytes (text: its UTF-8 encoding). */
export function listingDocumentHash(content: string | Uint8Array): Hex {
  return keccak256(typeof content === 'string' ? stringToBytes(content) : content);
}
