import type { Messages } from '../en';

/** Simplified Chinese catalog, the shell: navigation, shared words, errors, statuses, transactions, form validation. */
export const common: Pick<
  Messages,
  | 'nav'
  | 'common'
  | 'errors'
  | 'status'
  | 'phase'
  | 'statusExplained'
  | 'phaseExplained'
  | 'tx'
  | 'dbStatus'
  | 'validation'
> = {
  nav: {
    label: '主导航',
    skip: '跳到正文',
    overview: '概览',
    market: '市场',
    portfolio: '投资组合',
    operator: '运营商',
    analytics: '分析',
    governance: '治理',
    language: '语言',
    switch: '切换',
  },
  common: {
    loading: '加载中…',
    empty: '暂无内容。',
    backHome: '返回概览',
    connectFirst: '请先连接钱包。',
    noWallet: '未找到浏览器钱包。请安装钱包后再发送交易。',
    connect: '连接 {{name}}',
    disconnect: '断开连接',
    account: '账户',
    never: '从未',
    cluster: '集群 #{{id}}',
  },
  errors: {
    badRequest: '请求无效',
    notFound: '未找到',
    unavailable: '服务暂不可用',
    unexpected: '出错了',
    unexpectedBody: '发生意外错误，请稍后再试。',
    unavailableBody: '数据源（数据库或区块链）没有响应，请稍后再试。',
    pageNotFound: '此地址没有页面。',
    invalidParameters: '参数无效：{{reason}}',
    invalidParameter: '参数 {{name}} 无效：{{reason}}',
    clusterMissing: '集群 #{{id}} 不存在。',
    transactionMissing: '没有已上链的交易 {{hash}}。',
    reportMissing: '集群 #{{clusterId}} 截至 {{epoch}} 的周期没有已接受的报告。',
  },
  status: {
    None: '未知',
    Registered: '已注册',
    Attested: '已认证',
    Stale: '已过期',
    Suspended: '已暂停',
    Retired: '已退役',
  },
  phase: {
    Pending: '即将开始',
    Open: '进行中',
    SoldOut: '已售罄',
    Succeeded: '已成功',
    Failed: '已失败',
    Finalized: '已结算',
    Cancelled: '已被治理取消（可退款）',
  },
  statusExplained: {
    None: '该集群编号从未注册。',
    Registered: '运营方已注册该集群；预言机委员会尚未认证其硬件，因此不能出售份额。',
    Attested: '预言机委员会已认证该硬件，且报告在心跳周期内按时到达：其发行可以出售，收益持续流向持有人。',
    Stale: '在心跳周期内没有收到预言机报告（或认证已过期）：在新的报告或重新认证之前停止销售；持有人保留已存入的收益。',
    Suspended:
      '治理方或其守护者暂停了该集群（硬件存疑或运营方受调查）：在治理方解除之前没有报告和销售；持有人仍可领取已流出的收益。',
    Retired: '治理方已永久退役该集群：不再有报告和销售；持有人仍可领取已流出的收益。',
  },
  phaseExplained: {
    Pending: '即将开始：销售尚未开始；自销售窗口开始起可以购买份额。',
    Open: '进行中：现在可以按固定价格购买份额，直到销售窗口结束或全部售出。',
    SoldOut: '已售罄：全部份额已售出；接下来结算销售，然后买方提取份额。',
    Succeeded: '已成功：销售结束时达到软顶；结算后运营方获得募集款，买方提取份额。',
    Failed: '已失败：销售结束时未达到软顶；每位买方都可以取回其支付的全部金额（退款）。',
    Finalized: '已结算：运营方已收到募集款；买方持有份额并获得流出的收益。',
    Cancelled: '已被治理取消：销售不会结算；每位买方都可以取回其支付的全部金额（退款）。',
  },
  tx: {
    signing: '请在钱包中确认…',
    pending: '交易处理中…',
    confirmed: '已确认',
    failed: '失败：{{reason}}',
    view: '查看交易',
    rejected: '你在钱包中拒绝了请求。',
    title: '交易',
    status: '状态',
    block: '区块',
    gasUsed: '消耗 Gas',
    from: '发送方',
    to: '接收方',
    logs: '触发的事件',
    success: '成功',
    reverted: '已回滚',
  },
  dbStatus: {
    registered: '已注册',
    attested: '已认证',
    stale: '已过期',
    suspended: '已暂停',
    retired: '已退役',
  },
  validation: {
    required: '必填。',
    uuids: '请输入至少一个 GPU UUID（GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx），不得重复。',
    uri: '请输入 URI，例如 ipfs://… 或 https://…。',
    positive: '请输入正数。',
    symbol: '请使用 1 到 11 个大写字母或数字。',
  },
};
