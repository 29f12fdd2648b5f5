/**
 * @govchain/connection: what a department's gateway needs to reach the network, so that a department deploying only
 * a gateway needs no launcher: the connection-profile format (the launcher writes it, the gateway reads it), the
 * enrolment-ticket format (the launcher issues it, the client reads it) and the Fabric CA REST client.
 */
export type { ConnectionProfile, OperatorIdentity, OrgProfile, TrustAnchorRef } from './connection-profile';
export type { EnrolmentTicket } from './enrolment-ticket';
export { CaError, enrollCsr, enrollmentIdOf, registerIdentity, registrarToken, type CaAttribute, type CaEndpoint, type CaEnrolment, type CaRegistrar, type CaRegistration } from './ca-rest';
