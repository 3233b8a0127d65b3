// The verifiable secret ballot's cryptography: pure, no I/O, the same code in the voter's browser, on the server and
// in the independent verifier. ristretto255 (RFC 9496) exponential ElGamal, threshold keys, Fiat–Shamir proofs.
// The record format and every hash input are specified in docs/election-record.md.
export type * from './types.ts';
export { FORMAT, EncodingError } from './group.ts';
export { manifestHash, manifestProblem, trackingCode, encryptBallot, verifyBallot, verifyBallots, auditBallot, type BallotCheck, type BallotReason } from './ballot.ts';
export { createTrustee, verifyTrusteeCommitment, sharesFor, receiveShares, jointPublicKey, verificationKey, TRUSTEE_SECRET_FORMAT, type TrusteeSecret } from './trustees.ts';
export { chainHash } from './board.ts';
export { homomorphicTally, partialDecrypt, verifyPartialDecryption, combineDecryption } from './tally.ts';
export {
  verifyElectionRecord,
  checkBoardSlice,
  mergeBoardWork,
  countingPlan,
  countingPlanOfSlots,
  boardEntryHead,
  addCiphertexts,
  type BoardEntryHead,
  type BoardVerificationOptions,
  type BoardWork,
  type CountedEntry,
  type RecordCheck,
  type RecordVerification,
} from './record.ts';
