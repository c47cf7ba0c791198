import { describe, expect, it } from 'vitest';
import { chainFor } from './chain';

describe('chainFor', () => {
  it('defines the chain of one id reached over one RPC URL, named after its id unless named', () => {
    const chain = chainFor(8453, 'https://rpc.example');
    expect(chain.id).toBe(8453);
    expect(chain.name).toBe('chain-8453');
    expect(chain.rpcUrls.default.http).toEqual(['https://rpc.example']);
    expect(chain.nativeCurrency).toEqual({ name: 'Ether', symbol: 'ETH', decimals: 18 });
    expect(chainFor(31_337, 'http://127.0.0.1:8545', 'anvil').name).toBe('anvil');
  });
});
