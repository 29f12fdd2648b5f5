/**
 * The Fabric protobuf messages the verifier decodes, imported file by file from @hyperledger/fabric-protos so
 * that a browser bundle does not pull in the package index, which loads the gRPC service stubs.
 */
export * as common from '@hyperledger/fabric-protos/lib/common/common_pb';
export * as policies from '@hyperledger/fabric-protos/lib/common/policies_pb';
export * as identities from '@hyperledger/fabric-protos/lib/msp/identities_pb';
export * as principals from '@hyperledger/fabric-protos/lib/msp/msp_principal_pb';
export * as proposal from '@hyperledger/fabric-protos/lib/peer/proposal_pb';
export * as proposalResponse from '@hyperledger/fabric-protos/lib/peer/proposal_response_pb';
export * as transaction from '@hyperledger/fabric-protos/lib/peer/transaction_pb';
export * as chaincode from '@hyperledger/fabric-protos/lib/peer/chaincode_pb';
export * as rwset from '@hyperledger/fabric-protos/lib/ledger/rwset/rwset_pb';
export * as kvrwset from '@hyperledger/fabric-protos/lib/ledger/rwset/kvrwset/kv_rwset_pb';
