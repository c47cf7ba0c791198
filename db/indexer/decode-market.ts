/**
 * The rows of the ShareMarket's events (decode.ts calls it for logs of the deployment record's market). Its own module
 * beside decode-contracts.ts, which holds the registry's, the tokens' and the offerings'.
 */
import type { Address } from 'viem';
import type { ParsedLog, Where } from './decode-contracts';
import type { EventRows } from './tables';

/** The ShareMarket's four events (the market of the deployment record, `market`). */
export function marketRows(log: ParsedLog, where: Where, rows: EventRows, market: Address) {
  switch (log.eventName) {
    case 'OfferFilled':
      rows.marketFills.push({
        ...where,
        market,
        offerHash: log.args.offerHash,
        maker: log.args.maker,
        taker: log.args.taker,
        clusterId: log.args.clusterId,
        side: log.args.side,
        amount: log.args.amount,
        price: log.args.price,
        cost: log.args.cost,
        fee: log.args.fee,
      });
      break;
    case 'OfferCancelled':
      rows.marketOfferCancels.push({ ...where, market, offerHash: log.args.offerHash, maker: log.args.maker });
      break;
    case 'NoncesCancelled':
      rows.marketNonceCancels.push({ ...where, market, maker: log.args.maker, minNonce: log.args.minNonce });
      break;
    case 'FeeSet':
      rows.marketFeeEvents.push({ ...where, market, feeBps: log.args.feeBps, recipient: log.args.recipient });
      break;
  }
}
