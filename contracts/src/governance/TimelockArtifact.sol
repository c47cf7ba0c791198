// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Production governance is OpenZeppelin's TimelockController itself, unchanged (verifiable against the audited
// source): the registry's owner on every chain but the local one (see contracts/ts/deploy.ts). This import makes forge
// build its artifact, from which `npm run generate` takes the ABI and bytecode the deployer uses.
// solhint-disable-next-line no-unused-import
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
