import type { TypedDataToPrimitiveTypes } from 'abitype';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Attestation, type EpochReport, parseTypeString, registryTypes } from './eip712';

describe('parseTypeString', () => {
  it('turns "Name(type a,type b)" into the struct name and viem field list, in order', () => {
    expect(parseTypeString('Thing(uint256 id,bytes32 root,address owner)')).toEqual({
      name: 'Thing',
      fields: [
        { name: 'id', type: 'uint256' },
        { name: 'root', type: 'bytes32' },
        { name: 'owner', type: 'address' },
      ],
    });
  });

  it('refuses what it does not understand instead of guessing', () => {
    expect(() => parseTypeString('Thing uint256 id')).toThrow(/not an EIP-712 type string/);
    expect(() => parseTypeString('Thing(uint256 id,Other other)')).toThrow(/unsupported field "Other other"/);
    expect(() => parseTypeString('Thing(uint256[] ids)')).toThrow(/unsupported field/);
    expect(() => parseTypeString('Thing(uint256  id)')).toThrow(/unsupported field/);
  });

  it('keeps the TypeScript report and attestation types equal to what the derived types encode', () => {
    type Encoded = TypedDataToPrimitiveTypes<typeof registryTypes>;
    expectTypeOf<Encoded['EpochReport']>().toEqualTypeOf<EpochReport>();
    expectTypeOf<Encoded['Attestation']>().toEqualTypeOf<Attestation>();
    expect(registryTypes.EpochReport.map((field) => field.name)).toContain('telemetryRoot');
  });
});
