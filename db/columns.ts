import { customType } from 'drizzle-orm/pg-core';
import type { Address, Hex } from 'viem';

/** On-chain amounts: `numeric(78,0)` holds any uint256 exactly; JavaScript sees a bigint, never a float. */
export const uint256 = customType<{ data: bigint; driverData: string }>({
  dataType: () => 'numeric(78, 0)',
  toDriver: (value) => value.toString(),
  fromDriver: (value) => BigInt(value),
});

/** A checksummed-or-lowercase 20-byte address kept as text, typed as viem's Address. */
export const address = customType<{ data: Address; driverData: string }>({
  dataType: () => 'varchar(42)',
});

/** A 32-byte hash (block, transaction, Merkle root) as 0x-prefixed text. */
export const bytes32 = customType<{ data: Hex; driverData: string }>({
  dataType: () => 'varchar(66)',
});
