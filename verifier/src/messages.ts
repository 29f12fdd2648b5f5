import i18next, { type i18n } from 'i18next';
import type { CheckId, Finding } from './findings';
import type { VerificationReport } from './verify';

/** Languages of the checklist. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
/** A checklist language. */
export type Language = (typeof LANGUAGES)[number];

const en = {
  title: 'GovChain receipt verification',
  tx: 'Transaction {{txId}}, block {{block}} (position {{index}}), channel {{channel}}',
  time: 'Transaction time {{time}}',
  digest: 'Receipt digest sha256:{{digest}}',
  verdict: { ok: 'RESULT: VERIFIED — every check holds.', fail: 'RESULT: NOT VERIFIED — {{count}} check(s) failed; do not rely on this receipt.' },
  check: {
    creator: 'Creator signature', endorsements: 'Endorsement signatures and certificates', policies: 'Endorsement policies',
    inclusion: 'Transaction in block (data hash)', header: 'Block header hash', orderer: 'Orderer signature over the block',
    attestations: 'Peer attestations of validity', record: 'Record in the write set', file: 'File hash equals the deposited hash',
  },
  who: { creator: 'Creator', endorsement: 'Endorser', orderer: 'Orderer', attestation: 'Attesting peer' },
  signedBy: '{{who}} {{name}} of {{org}}: certificate issued by the {{org}} root CA, signature valid',
  identity: {
    malformed: '{{who}}: the identity does not decode',
    'untrusted-org': '{{who}} {{name}} claims org {{org}}, which is not in the trust folder',
    'not-issued-by-org-ca': '{{who}} {{name}}: certificate NOT issued by the {{org}} root CA',
    'not-valid-at-time': '{{who}} {{name}} of {{org}}: certificate not valid at the time it signed',
    'wrong-role': '{{who}} {{name}} of {{org}}: certificate lacks the {{role}} role',
  },
  signature: {
    malformed: '{{who}} {{name}} of {{org}}: signature is not canonical DER',
    'high-s': '{{who}} {{name}} of {{org}}: signature has a high S value (Fabric accepts low-S only)',
    mismatch: '{{who}} {{name}} of {{org}}: SIGNATURE DOES NOT MATCH the signed bytes',
    'unsupported-key': '{{who}} {{name}} of {{org}}: key type not supported',
  },
  f: {
    decode: 'Malformed: {{what}}',
    creator: { channel: 'Channel {{channel}} as stated', txid: 'Transaction id {{txId}} re-derived from nonce and creator' },
    endorsements: {
      'proposal-hash': 'Endorsed payload is bound to this proposal (proposal hash)',
      response: 'Chaincode response status {{status}}',
      count: '{{count}} endorsement(s)',
    },
    policies: {
      unreadable: 'Policy "{{policy}}" cannot be read',
      'chaincode-stated-sound': 'Chaincode policy {{policy}} (stated by the issuer): canonical, trusted orgs only, no org alone satisfies it',
      'key-stated-sound': 'Key-level policy {{policy}} (stated): canonical, trusted orgs only, no org alone satisfies it',
      chaincode: 'Chaincode policy {{policy}} satisfied by {{orgs}}',
      'keys-listed': 'Key-level policy stated for each of the {{count}} record key(s)',
      'key-sets': '{{record}}: this transaction sets key-level policy {{policy}} for later changes (from the write set)',
      'key-satisfied': '{{record}}: endorsers {{orgs}} satisfy {{policy}}',
      'key-none': '{{record}}: no key-level policy was in effect (a new key); the chaincode policy governs',
      'key-none-but-existed': '{{record}}: stated as having no key-level policy, but the read set shows an earlier version (block {{block}})',
      'key-stated': '{{record}}: key-level policy {{policy}} set by an earlier version (read at block {{block}}; stated by the issuer, not re-derivable offline)',
    },
    inclusion: {
      index: 'Position {{index}} among {{count}} transactions',
      parts: 'Block data split into {{count}} part(s), each matching its SHA-256 in the receipt',
      'parts-missing': 'The block data is split into {{count}} part(s) but {{given}} were given (--parts <folder>)',
      'data-hash': 'SHA-256 over all {{count}} envelopes equals the header data hash {{hash}}',
    },
    header: {
      number: 'Block number {{number}}',
      hash: 'Block header hash {{hash}}',
      genesis: 'Genesis block (no previous block)',
      'previous-missing': 'The previous block header is missing',
      chain: 'Previous block {{previous}} hashes to this header\'s previous hash {{hash}}',
    },
    orderer: { count: '{{count}} orderer signature(s)' },
    attestation: {
      question: 'Peer answered qscc GetTransactionByID for this transaction (asked {{at}})',
      valid: '{{name}} of {{org}} attests {{code}} at {{at}}',
      'other-transaction': '{{name}} of {{org}} attests a DIFFERENT transaction ({{code}})',
      orgs: '{{count}} department(s) attest validity ({{orgs}}); at least {{min}} required',
    },
    record: {
      matches: 'The receipt lists exactly the {{count}} record(s) in the signed write set',
      item: 'Record {{family}}/{{kind}} {{id}}',
      private: '{{count}} private write(s) as hashes only',
    },
    file: {
      deposit: '{{count}} copyright deposit(s) in the receipt',
      hash: 'File SHA-256 {{hash}} equals the deposited hash (deposited: {{deposited}})',
    },
  },
};

const zh: typeof en = {
  title: 'GovChain 交易回执核验',
  tx: '交易 {{txId}}，区块 {{block}}（第 {{index}} 笔），通道 {{channel}}',
  time: '交易时间 {{time}}',
  digest: '回执摘要 sha256:{{digest}}',
  verdict: { ok: '结论：核验通过——全部检查项成立。', fail: '结论：核验未通过——{{count}} 项检查失败，请勿采信此回执。' },
  check: {
    creator: '提交者签名', endorsements: '背书签名与证书', policies: '背书策略',
    inclusion: '交易包含于区块（数据哈希）', header: '区块头哈希', orderer: '排序节点对区块的签名',
    attestations: '节点有效性证明', record: '写集中的记录', file: '文件哈希与存证哈希一致',
  },
  who: { creator: '提交者', endorsement: '背书节点', orderer: '排序节点', attestation: '证明节点' },
  signedBy: '{{who}} {{name}}（{{org}}）：证书由 {{org}} 根 CA 签发，签名有效',
  identity: {
    malformed: '{{who}}：身份无法解码',
    'untrusted-org': '{{who}} {{name}} 声称属于 {{org}}，但信任目录中没有该机构',
    'not-issued-by-org-ca': '{{who}} {{name}}：证书并非由 {{org}} 根 CA 签发',
    'not-valid-at-time': '{{who}} {{name}}（{{org}}）：签名时证书不在有效期内',
    'wrong-role': '{{who}} {{name}}（{{org}}）：证书不具备 {{role}} 角色',
  },
  signature: {
    malformed: '{{who}} {{name}}（{{org}}）：签名不是规范的 DER 编码',
    'high-s': '{{who}} {{name}}（{{org}}）：签名 S 值过高（Fabric 只接受低 S 签名）',
    mismatch: '{{who}} {{name}}（{{org}}）：签名与被签名内容不符',
    'unsupported-key': '{{who}} {{name}}（{{org}}）：不支持的密钥类型',
  },
  f: {
    decode: '格式错误：{{what}}',
    creator: { channel: '通道 {{channel}} 与回执一致', txid: '交易号 {{txId}} 由随机数与提交者重新推导一致' },
    endorsements: {
      'proposal-hash': '背书内容与本交易提案绑定（提案哈希一致）',
      response: '链码响应状态 {{status}}',
      count: '共 {{count}} 个背书',
    },
    policies: {
      unreadable: '无法解析策略“{{policy}}”',
      'chaincode-stated-sound': '链码策略 {{policy}}（签发方陈述）：规范格式，仅含受信任机构，任何单一机构均无法满足',
      'key-stated-sound': '键级策略 {{policy}}（陈述）：规范格式，仅含受信任机构，任何单一机构均无法满足',
      chaincode: '链码背书策略 {{policy}} 由 {{orgs}} 满足',
      'keys-listed': '已为全部 {{count}} 个记录键说明键级策略',
      'key-sets': '{{record}}：本交易为后续变更设置键级策略 {{policy}}（取自写集）',
      'key-satisfied': '{{record}}：背书机构 {{orgs}} 满足 {{policy}}',
      'key-none': '{{record}}：验证时无键级策略（新键），由链码策略约束',
      'key-none-but-existed': '{{record}}：回执称无键级策略，但读集显示已有早先版本（区块 {{block}}）',
      'key-stated': '{{record}}：键级策略 {{policy}} 由早先版本设置（读取自区块 {{block}}；签发方陈述，离线无法重新推导）',
    },
    inclusion: {
      index: '在 {{count}} 笔交易中位于第 {{index}} 笔',
      parts: '区块数据分为 {{count}} 个分片，每个分片与回执中的 SHA-256 一致',
      'parts-missing': '区块数据分为 {{count}} 个分片，但只提供了 {{given}} 个（--parts <目录>）',
      'data-hash': '全部 {{count}} 个交易信封的 SHA-256 与区块头数据哈希 {{hash}} 一致',
    },
    header: {
      number: '区块号 {{number}}',
      hash: '区块头哈希 {{hash}}',
      genesis: '创世区块（无前序区块）',
      'previous-missing': '缺少前一区块的区块头',
      chain: '前一区块 {{previous}} 的哈希 {{hash}} 与本区块头记载一致',
    },
    orderer: { count: '共 {{count}} 个排序节点签名' },
    attestation: {
      question: '节点应答了针对本交易的 qscc GetTransactionByID 查询（询问时间 {{at}}）',
      valid: '{{org}} 的 {{name}} 于 {{at}} 证明状态为 {{code}}',
      'other-transaction': '{{org}} 的 {{name}} 证明的是另一笔交易（{{code}}）',
      orgs: '{{count}} 个部门证明交易有效（{{orgs}}）；至少需要 {{min}} 个',
    },
    record: {
      matches: '回执所列的 {{count}} 条记录与已签名写集完全一致',
      item: '记录 {{family}}/{{kind}} {{id}}',
      private: '{{count}} 条私有数据写入，仅含哈希',
    },
    file: {
      deposit: '回执中有 {{count}} 条著作权存证',
      hash: '文件 SHA-256 {{hash}} 与存证哈希一致（存证：{{deposited}}）',
    },
  },
};

const instances = new Map<Language, i18n>();

function translator(lang: Language): i18n {
  let inst = instances.get(lang);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({ lng: lang, fallbackLng: 'en', resources: { en: { translation: en }, 'zh-CN': { translation: zh } }, interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
    instances.set(lang, inst);
  }
  return inst;
}

/** Picks the checklist language from a locale such as zh_CN.UTF-8, zh-Hans or en_US (default en). */
export function languageOf(locale: string | undefined): Language {
  return locale && /^zh([-_](cn|hans|sg))?\b/i.test(locale) ? 'zh-CN' : 'en';
}

/** The text of one finding. */
export function findingText(f: Finding, lang: Language): string {
  const t = translator(lang).t.bind(translator(lang));
  const m = /^(creator|endorsement|orderer|attestation)\.(ok|identity-|signature-)(.*)$/.exec(f.key);
  if (m) {
    const params = { ...f.params, who: t(`who.${m[1]}`) };
    if (m[2] === 'ok') return t('signedBy', params);
    return t(`${m[2] === 'identity-' ? 'identity' : 'signature'}.${m[3]}`, params);
  }
  return t(`f.${f.key}`, f.params);
}

/** The title of a check. */
export const checkTitle = (id: CheckId, lang: Language): string => translator(lang).t(`check.${id}`);

/** The human checklist of a report, one line per check and per finding. */
export function formatReport(report: VerificationReport, lang: Language): string {
  const t = translator(lang).t.bind(translator(lang));
  const lines = [
    t('title'),
    t('tx', { txId: report.txId, block: report.blockNumber, index: report.txIndex, channel: report.channel }),
    ...(report.timestamp ? [t('time', { time: report.timestamp })] : []),
    t('digest', { digest: report.digest }),
    '',
  ];
  report.checks.forEach((c, i) => {
    lines.push(`${c.ok ? '[OK]  ' : '[FAIL]'} ${i + 1}. ${checkTitle(c.id, lang)}`);
    for (const f of c.findings) lines.push(`         ${f.ok ? '✓' : '✗'} ${findingText(f, lang)}`);
  });
  const failed = report.checks.filter((c) => !c.ok).length;
  lines.push('', failed === 0 ? t('verdict.ok') : t('verdict.fail', { count: failed }));
  return `${lines.join('\n')}\n`;
}
