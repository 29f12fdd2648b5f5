/** The contracts (namespaces) of the govchain chaincode, in the order the chaincode server lists them. */
export const CONTRACT_NAMES = ['System', 'Governance', 'Identity', 'Audit', 'Property', 'Business', 'Copyright'] as const;
/** A contract name. */
export type ContractName = (typeof CONTRACT_NAMES)[number];
