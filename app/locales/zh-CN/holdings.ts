import type { Messages } from '../en';

/** Simplified Chinese catalog, the investor area: verification status, claim all, earnings chart, refunds. */
export const holdings: Pick<Messages, 'holdings'> = {
  holdings: {
    title: '持仓',
    claimAll: '全部领取（{{count}} 个代币，{{amount}}）',
    claimAllHow:
      '通过工厂合约一笔交易完成：每个代币向您支付当前可领取的收益；其他持有人不受影响，您的份额继续产生收益。',
    claimAllCapped: '本次领取前 {{max}} 个代币；其余请再次领取。',
    claimAllTx: '全部领取',
    verification: {
      title: '您在各代币上的状态',
      intro:
        '各代币规则对本账户的适用情况：您持有的代币，或发行正在开放认购的代币。向您的认购或转账被拒绝不影响您已获得的收益。',
      token: '代币',
      relation: '您',
      holds: '持有人',
      canBuy: '发行开放中',
      verified: '已验证',
      verifiedUntil: '有效期至 {{date}}',
      expired: '已于 {{date}} 过期',
      notVerified: '未验证',
      frozen: '冻结',
      paused: '暂停',
      pausedByGovernance: '由治理方暂停',
      pausedByOperator: '由运营方暂停',
      allowlist: '白名单',
      on: '开启',
      off: '关闭',
      yes: '是',
      no: '否',
      incoming: '向您的认购或转账',
      accepted: '可以完成',
    },
    refusal: {
      TokenPaused: '被拒绝：代币已暂停，恢复前份额无法转移（收益继续流入）。',
      AccountFrozen: '被拒绝：本账户已被运营方冻结（仍可获得并领取收益）。',
      RecipientNotVerified: '被拒绝：白名单已开启，本账户未经运营方验证。',
      RecipientVerificationExpired: '被拒绝：白名单已开启，本账户的验证已过期。',
      ERC20InvalidReceiver: '被拒绝：该地址不能接收份额。',
      ERC20InvalidSender: '被拒绝：发送方地址无效。',
      ERC20InsufficientBalance: '被拒绝：发送方份额不足。',
      other: '被代币拒绝：{{reason}}',
    },
    earnings: {
      title: '累计收益',
      label: '累计收益（{{unit}}）',
      series: '收益（已领取 + 可领取）',
      how: '每天的数据点由索引历史重放得出（您的份额余额乘以各代币的收益流）；今天的数据点直接读取链上：已领取 + 可领取 + 托管收益。',
      truncated:
        '历史记录超出图表可重放的范围：最后一条已重放事件之后的日期留空，而不是显示偏低的数值；今天的数据点仍直接读取链上。',
      loading: '正在加载历史…',
    },
    refunds: {
      title: '失败发行的退款',
      intro: '未达到软顶或被治理方取消的发行会向每位买家全额退还其支付的金额；份额退回发行合约，不产生收益。',
      none: '没有待退款项。',
      refund: '退款 {{amount}}',
      phase: '发行',
    },
  },
};
