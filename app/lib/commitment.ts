/**
 * The hardware commitment of a typed GPU UUID list, computed in the browser with the oracle's own module: what the
 * register form commits on-chain and what the attestation form must reproduce.
 */
import { useMemo } from 'react';
import { hardwareRoot, requireGpuUuid } from '#protocol/hardware';

export type Commitment = { uuids: string[]; count: number; root: `0x${string}` | undefined; error: string | undefined };

export function useCommitment(uuidText: string): Commitment {
  return useMemo(() => {
    const uuids = uuidText.split(/[\s,]+/).filter(Boolean);
    if (uuids.length === 0) return { uuids, error: undefined, root: undefined, count: 0 };
    try {
      uuids.forEach(requireGpuUuid);
      return { uuids, error: undefined, root: hardwareRoot(uuids), count: uuids.length };
    } catch (error) {
      return { uuids, error: (error as Error).message, root: undefined, count: uuids.length };
    }
  }, [uuidText]);
}
