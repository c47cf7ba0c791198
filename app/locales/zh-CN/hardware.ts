import type { Messages } from '../en';

/** Simplified Chinese catalog, the operator console: hardware update, re-attestation, the listing document and hand-over. */
export const hardware: Pick<Messages, 'hardware' | 'listing' | 'handover'> = {
  hardware: {
    title: '硬件',
    current: '当前 GPU 清单承诺',
    status: '状态',
    gpuCount: 'GPU 数量',
    root: '硬件承诺',
    attestedUntil: '认证有效期至',
    notAttested: '未认证',
    loading: '正在读取注册合约…',
    update: '更新 GPU 清单',
    uuids: '新的 GPU UUID（每行一个，与 nvidia-smi -L 的输出相同）',
    newCount: '新的 GPU 数量',
    newRoot: '新的硬件承诺（在您的浏览器中计算）',
    tooMany: '每个集群最多 {{max}} 个 GPU。',
    unchanged: '注册合约已持有这个承诺，无需更新。',
    effect:
      '更新硬件会清除集群的认证：在预言机委员会认证新清单之前，集群保持“已注册”状态。在此期间，其发售拒绝购买，预言机也不会为其报告收入；已存入的收入继续流向持有人。',
    effectSuspended: '集群已被暂停：更新会被记录，但在治理解除暂停之前，委员会无法认证它。',
    retired: '集群已退役：其硬件不能再更改。',
    submit: '更新硬件',
    reattest: '通过预言机委员会重新认证',
    reattestHint: '注册合约持有新的承诺但尚无认证：请用同一份 GPU 清单申请认证。上方的状态与注册合约一致。',
    attested: '委员会已认证当前的 GPU 清单。',
  },
  listing: {
    title: '挂牌文档',
    intro:
      '向投资者描述该集群的文档，以注册合约所持有的为准：其地址及其内容的 keccak256，显示在公开的集群页面上，任何人都可以据此核对下载的文档与链上是否一致。',
    uri: '文档 URI',
    hash: '内容哈希 (keccak256)',
    none: '无',
    newUri: '新的文档 URI（ipfs://… 或 https://…）',
    content: '新文档的内容（其 keccak256 在您的浏览器中计算，与注册时相同）',
    newHash: '新的内容哈希 (keccak256)',
    unchanged: '注册合约已持有这个 URI 和哈希，无需更新。',
    effect:
      '更新挂牌只会更改集群所指向的文档以及任何人可用于核对它的哈希。持有人的份额、收入及其流式发放、发售以及集群的认证均保持不变。',
    retired: '集群已退役：其挂牌不能再更改。',
    submit: '更新挂牌',
    recorded: '注册合约现在持有：',
  },
  handover: {
    title: '移交',
    intro: '移交集群分两步：您将其提供给另一个账户，该账户在自己的运营方页面接受。在此之前，您仍是运营方，并可以取消。',
    operator: '当前运营方',
    pending: '已提供给',
    nonePending: '没有待处理的移交。',
    newOperator: '新运营方的地址',
    invalidAddress: '请输入地址（0x 加 40 位十六进制数字）。',
    notSelf: '这是当前运营方。',
    effect:
      '份额代币及其发售跟随注册合约中的运营方：接受后，只有新运营方可以使用代币的管控功能（白名单、冻结、暂停、强制转账、钱包恢复）、存入收入、指定收入付款方并收取发售所得。您指定的收入付款方将失效。持有人保留其份额，已存入的收入继续流向他们。',
    start: '提供集群',
    replace: '改为提供给此账户',
    cancel: '取消移交',
    cancelEffect: '取消会撤回提供；持有人不受任何影响。',
    offered: '提供给您的移交',
    offeredBy: '提供方',
    acceptEffect:
      '接受后您将成为集群 #{{id}} 的运营方：其份额代币的管控、收入存入和发售所得归您所有；持有人保留其份额和收入。',
    accept: '接受集群 #{{id}}',
    moving: '集群 #{{id}} 已归您所有，正在打开其控制台…',
  },
};
