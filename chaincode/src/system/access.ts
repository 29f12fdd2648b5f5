/**
 * Who may call the System contract: any identity of any member org, without GovChain role attributes, because
 * the network scripts probe with org admin identities. Probe keys keep the chaincode-level endorsement policy:
 * they hold no government record, so no key-level policy protects them.
 */
export const ANY_IDENTITY = 'any identity of any org' as const;
