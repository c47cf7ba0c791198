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
    elsewhere: {
      summary: '发送到另一个地址…',
      why: '适用于无法在本账户收款的情况（稳定币屏蔽了本账户，或它在该代币上的验证已过期）：同样的操作，支付到你的另一个地址。',
      what: '要发送的内容',
      kind: {
        claimTo: '可领取的收益',
        claimEscrowRevenue: '托管份额的收益',
        withdrawSharesTo: '托管中的份额',
        refundTo: '退款',
      },
      recipient: '改为发送到此地址',
      theAddress: '你输入的地址',
      invalid: {
        invalid: '请输入地址（0x 加 40 位十六进制数字；大小写混合时须为校验和格式）。',
        zero: '零地址无法接收任何东西。',
        self: '这就是本账户：请使用不带接收地址的按钮。',
      },
      effect: {
        claimTo:
          '本账户在 {{symbol}} 上可领取的收益（目前 {{amount}}，仍在持续流入）将支付到 {{recipient}}。你的份额留在本账户并继续产生收益。',
        claimEscrowRevenue:
          '你托管中的 {{symbol}} 份额所产生的收益（{{amount}}）将支付到 {{recipient}}。份额仍留在托管中。',
        withdrawSharesTo:
          '你托管中的 {{shares}} 份 {{symbol}} 份额及其未领取的托管收益（{{amount}}）将转到 {{recipient}}，该地址须符合代币规则才能持有。此次购买不会在本账户留下任何东西。',
        refundTo: '本账户为 {{symbol}} 支付的 {{amount}} 将退还到 {{recipient}}，而不是本账户，此次购买随之结清。',
      },
      refused: '代币会拒绝此次提取：{{reason}}',
      send: {
        claimTo: '领取到此地址',
        claimEscrowRevenue: '将托管收益领取到此地址',
        withdrawSharesTo: '将份额提取到此地址',
        refundTo: '退款到此地址',
      },
      tx: '{{action}}（{{symbol}}，到 {{recipient}}）',
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
