import type { Messages } from '../en';

/** Simplified Chinese catalog, the built-in development wallet (local chain only) and the wallet menu. */
export const wallet: Pick<Messages, 'devWallet'> = {
  devWallet: {
    title: '开发钱包',
    badge: '开发钱包 · 公开密钥',
    connect: '连接开发钱包',
    offer: '本地链无需安装扩展：用已注资的测试账户体验每一个流程。',
    warning: '其账户是 anvil 公开的测试密钥——任何人都能用它们签名——因此只在本地链上提供。',
    browserWallet: '浏览器钱包',
    account: '账户',
    role: '角色',
    balances: '余额',
    option: '{{role}} · {{address}} · {{usd}} · {{eth}} ETH',
    optionLoading: '{{role}} · {{address}}',
    roles: {
      investor: '投资者',
      operator: '运营方',
      governance: '治理',
      fresh: '新账户',
    },
  },
};
