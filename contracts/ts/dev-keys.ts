/**
 * anvil's public dev mnemonic ("test test … junk") and the first accounts derived from it. Their private keys are in
 * every Foundry and Hardhat tutorial: on the local chain (31337) they are the demo's funded accounts, on any other
 * chain an address among them is controlled by everyone. The lowest layer knows them so that the deployer, the
 * settings check and the oracle node can all refuse them off the local chain.
 */
import { type Hex, isAddress } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';

/** anvil's chain id: the only chain where these accounts (and the test stablecoin) are allowed. */
export const LOCAL_CHAIN_ID = 31_337;

export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
/** How many accounts of the mnemonic the local stack funds and the checks refuse (anvil itself funds the first 10). */
export const DEV_ACCOUNT_COUNT = 40;

/**
 * The first DEV_ACCOUNT_COUNT addresses of ANVIL_MNEMONIC (m/44'/60'/0'/0/i), written out because deriving them costs a
 * PBKDF2 run each (dev-keys.test.ts derives them again and compares).
 */
export const DEV_ADDRESSES: readonly Hex[] = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
  '0xBcd4042DE499D14e55001CcbB24a551F3b954096',
  '0x71bE63f3384f5fb98995898A86B02Fb2426c5788',
  '0xFABB0ac9d68B0B445fB7357272Ff202C5651694a',
  '0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec',
  '0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097',
  '0xcd3B766CCDd6AE721141F452C550Ca635964ce71',
  '0x2546BcD3c84621e976D8185a91A922aE77ECEc30',
  '0xbDA5747bFD65F08deb54cb465eB87D40e51B197E',
  '0xdD2FD4581271e230360230F9337D5c0430Bf44C0',
  '0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199',
  '0x09DB0a93B389bEF724429898f539AEB7ac2Dd55f',
  '0x02484cb50AAC86Eae85610D6f4Bf026f30f6627D',
  '0x08135Da0A343E492FA2d4282F2AE34c6c5CC1BbE',
  '0x5E661B79FE2D3F6cE70F5AAC07d8Cd9abb2743F1',
  '0x61097BA76cD906d2ba4FD106E757f7Eb455fc295',
  '0xDf37F81dAAD2b0327A0A50003740e1C935C70913',
  '0x553BC17A05702530097c3677091C5BB47a3a7931',
  '0x87BdCE72c06C21cd96219BD8521bDF1F42C78b5e',
  '0x40Fc963A729c542424cD800349a7E4Ecc4896624',
  '0x9DCCe783B6464611f38631e6C851bf441907c710',
  '0x1BcB8e569EedAb4668e55145Cfeaf190902d3CF2',
  '0x8263Fce86B1b78F95Ab4dae11907d8AF88f841e7',
  '0xcF2d5b3cBb4D7bF04e3F7bFa8e27081B52191f91',
  '0x86c53Eb85D0B7548fea5C4B4F82b4205C8f6Ac18',
  '0x1aac82773CB722166D7dA0d5b0FA35B0307dD99D',
  '0x2f4f06d218E426344CFE1A83D53dAd806994D325',
  '0x1003ff39d25F2Ab16dBCc18EcE05a9B6154f65F4',
  '0x9eAF5590f2c84912A08de97FA28d0529361Deb9E',
  '0x11e8F3eA3C6FcF12EcfF2722d75CEFC539c51a1C',
  '0x7D86687F980A56b832e9378952B738b614A99dc6',
];

/**
 * The fixed job of each dev account on the local chain (indices into DEV_ADDRESSES): the demo, the tests and the
 * dashboard's development wallet all read this one table.
 */
export const devRoles = {
  deployer: 0,
  operators: [1, 2, 3],
  investors: [4, 5, 6],
  oracleNodes: [7, 8, 9],
  /** Gas-paying relayer wallets of oracle nodes #7–#9, in the same order: never the committee signing keys (I-4). */
  oracleRelayers: [16, 17, 18],
  /** The dashboard's telemetry reader key (ORACLE_READER_PRIVATE_KEY), trusted by the local nodes (L-4). */
  dashboardReader: 19,
  /** Untouched by the demo: end-to-end tests connect these (TEST_ACCOUNTS[i] is testWallets[i]). */
  testWallets: [10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39],
} as const;

/** anvil's first dev account's key: the local deployer. */
export const ANVIL_FIRST_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

const devAddresses = new Set(DEV_ADDRESSES.map((address) => address.toLowerCase()));

/** True for an address of the public dev mnemonic (any letter case). */
export function isDevAddress(address: string): boolean {
  return isAddress(address, { strict: false }) && devAddresses.has(address.toLowerCase());
}

/** True for a private key of the public dev mnemonic. A malformed key is not a dev key (its own check refuses it). */
export function isDevKey(privateKey: string): boolean {
  try {
    return isDevAddress(privateKeyToAddress(privateKey as Hex));
  } catch {
    return false;
  }
}
