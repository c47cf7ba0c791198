// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../../src/ShareToken.sol";
import {TestStablecoin} from "../../../src/dev/TestStablecoin.sol";
import {Test} from "forge-std/Test.sol";

/// @title ShareTokenHandler
/// @notice Drives a ShareToken with deposits, transfers, claims, warps, freezes, forced transfers and wallet
/// recoveries, and keeps a naive ghost model of the stream: between two actions the revenue streamed is
/// remaining * elapsed / timeLeft (linear per second), given to each holder pro rata to its balance, kept with 1e18
/// extra precision and never rounded per holder.
contract ShareTokenHandler is Test {
    uint256 internal constant G = 1e18;

    ShareToken public immutable token;
    TestStablecoin public immutable usd;
    address public immutable op;
    address[] public actors;

    uint256 public currentTime;

    // ghost stream
    uint256 public gRemaining; // scaled by G
    uint256 public gEnd;
    uint256 public gLast;
    uint256 public gDeposited;
    uint256 public gClaimed;
    uint256 public gDeposits;
    uint256 public gCheckpoints;
    mapping(address => int256) public gOwed; // scaled by G
    mapping(address => uint256) public gAccountCheckpoints;

    constructor(ShareToken token_, TestStablecoin usd_, address op_, address[] memory actors_) {
        token = token_;
        usd = usd_;
        op = op_;
        actors = actors_;
        currentTime = block.timestamp;
        vm.prank(op);
        usd.approve(address(token), type(uint256).max);
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev Streams the ghost up to now, pro rata to the balances held since the last action.
    function _advance() internal {
        uint256 t = block.timestamp < gEnd ? block.timestamp : gEnd;
        if (t > gLast && gRemaining > 0) {
            uint256 streamed = gRemaining * (t - gLast) / (gEnd - gLast);
            uint256 supply = token.totalSupply();
            for (uint256 i; i < actors.length; ++i) {
                gOwed[actors[i]] += int256(streamed * token.balanceOf(actors[i]) / supply);
            }
            gRemaining -= streamed;
        }
        if (block.timestamp > gLast) gLast = block.timestamp;
    }

    function deposit(uint256 amount, uint256 duration) external useTime {
        amount = bound(amount, 1, 1e13);
        duration = bound(duration, 1, 60 days);
        _advance();
        usd.mint(op, amount);
        vm.prank(op);
        token.depositRevenue(amount, duration);
        gRemaining += amount * G;
        gEnd = block.timestamp + duration;
        gLast = block.timestamp;
        gDeposited += amount;
        gDeposits += 1;
        gCheckpoints += 1;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external useTime {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        if (token.isFrozen(from) || token.isFrozen(to)) return;
        amount = bound(amount, 0, token.balanceOf(from));
        _advance();
        vm.prank(from);
        token.transfer(to, amount);
        _touch(from);
        _touch(to);
    }

    function claim(uint256 seed) external useTime {
        address who = _actor(seed);
        _advance();
        vm.prank(who);
        uint256 paid = token.claim();
        gOwed[who] -= int256(paid * G);
        gClaimed += paid;
        _touch(who);
    }

    function warp(uint256 secs) external useTime {
        currentTime += bound(secs, 0, 20 days);
    }

    function setFrozen(uint256 seed, bool frozen) external useTime {
        vm.prank(op);
        token.setFrozen(_actor(seed), frozen);
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external useTime {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        if (token.isFrozen(to)) return;
        amount = bound(amount, 0, token.balanceOf(from));
        _advance();
        vm.prank(op);
        token.forcedTransfer(from, to, amount);
        _touch(from);
        _touch(to);
    }

    function recoverWallet(uint256 lostSeed, uint256 toSeed) external useTime {
        address lost = _actor(lostSeed);
        address to = _actor(toSeed);
        if (lost == to || token.isFrozen(to)) return;
        if (token.balanceOf(lost) == 0 && token.claimable(lost) == 0) return;
        _advance();
        vm.prank(op);
        token.recoverWallet(lost, to);
        _touch(lost);
        _touch(to);
        // The unclaimed revenue moves with the shares, and so does its rounding history.
        gOwed[to] += gOwed[lost];
        gOwed[lost] = 0;
        gAccountCheckpoints[to] += gAccountCheckpoints[lost];
        gAccountCheckpoints[lost] = 0;
    }

    function _touch(address who) internal {
        gAccountCheckpoints[who] += 1;
        gCheckpoints += 1;
    }
}
