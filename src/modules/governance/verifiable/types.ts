// The verifiable secret ballot's data, as published in the election record. Pure data: every group element and
// scalar is a lower-case hex string (ristretto255 point: its 32-byte canonical encoding; scalar: 32 bytes
// little-endian, reduced mod the group order ℓ), so the record is plain JSON that a third party can check with any
// ristretto255 library. Exponential ElGamal: Enc(m; r) = (G·r, H·r + G·m) with H the joint election key.
// This file is the contract between the crypto (this folder, no I/O, runs in the browser and in Node), the server
// (governance services) and the web app.

export type Hex = string;

export interface Ciphertext {
  /** G·r */
  a: Hex;
  /** H·r + G·m */
  b: Hex;
}

/** Disjunctive Chaum–Pedersen proof (CDS, Fiat–Shamir) that a ciphertext encrypts one of `values` (0/1 for a
 * choice; minSelections..maxSelections for the sum). One (commitment pair, challenge, response) per value; the
 * challenges sum to the hash challenge. */
export interface DisjunctiveProof {
  branches: { a: Hex; b: Hex; c: Hex; r: Hex }[];
}

/** Chaum–Pedersen proof that log_G(X) = log_A(Y): a trustee's partial decryption uses the secret share behind its
 * public verification key. */
export interface DleqProof {
  c: Hex;
  r: Hex;
}

/** What a ballot is bound to; its hash is mixed into every Fiat–Shamir challenge so a proof cannot be replayed in
 * another election or for another voter slot. */
export interface ElectionManifest {
  /** Format version of the record, "cooperando-evote/1". */
  format: string;
  electionId: string;
  /** Human labels of the choices (for a resolution: yes, no, abstain). */
  choices: string[];
  minSelections: number;
  maxSelections: number;
  /** Trustees n and threshold k. */
  trustees: number;
  threshold: number;
  /** Joint public key H (sum of the trustees' constant-term commitments). */
  publicKey: Hex;
}

export interface EncryptedBallot {
  /** sha256 of the canonical manifest, hex. */
  manifestHash: Hex;
  /** Pseudonymous voter slot on the published roll (not the member's id). */
  voterSlot: string;
  ciphertexts: Ciphertext[];
  /** One 0/1 proof per ciphertext. */
  choiceProofs: DisjunctiveProof[];
  /** Proof that the sum of the ciphertexts encrypts a value in [minSelections, maxSelections]. */
  sumProof: DisjunctiveProof;
}

/** A Benaloh challenge: the voter reveals the randomness of a ballot they will not cast, so anyone can re-encrypt
 * the claimed selections and compare. */
export interface BallotAudit {
  ballot: EncryptedBallot;
  selections: number[];
  nonces: Hex[];
}

/** A trustee's public contribution to the key ceremony (Pedersen/Feldman VSS): commitments to its polynomial's
 * coefficients (G·a_0 … G·a_{k-1}) and a Schnorr proof of knowledge of a_0. */
export interface TrusteeKeyCommitment {
  index: number; // 1..n
  commitments: Hex[];
  proof: DleqProof; // Schnorr PoK of a_0 (c, r) over G
  /** The trustee's long-term encryption key for receiving shares (G·x). */
  transportKey: Hex;
}

/** A share f_i(j) for trustee j, encrypted to j's transport key (ECIES over ristretto255 + a hash-derived pad). */
export interface EncryptedShare {
  from: number;
  to: number;
  ephemeral: Hex;
  ciphertext: Hex;
}

/** A trustee's partial decryption of each tally ciphertext: A_c·s_j, with a proof against its verification key. */
export interface PartialDecryption {
  trustee: number;
  shares: Hex[];
  proofs: DleqProof[];
}

/** One line of the public bulletin board: an accepted ballot, chained. */
export interface BoardEntry {
  seq: number;
  /** sha256(prevHash ‖ trackingCode), hex; prevHash of the first entry is sha256 of the manifest hash. */
  hash: Hex;
  /** sha256 of the canonical ballot, hex: what the voter is shown and can look up. */
  trackingCode: Hex;
  ballot: EncryptedBallot;
  /** When a voter slot casts again, the later entry supersedes the earlier (the last ballot counts). */
}

/** The roll as published: pseudonymous slots with their public weights. A proxy holder's ballots are separate slots.
 * `group` lets the count apply a public scaling per group (e.g. financing members capped at a third of the votes,
 * art. 2526 c.c.). */
export interface RollEntry {
  voterSlot: string;
  weight: number;
  group: string;
}

export interface ElectionRecord {
  manifest: ElectionManifest;
  trustees: TrusteeKeyCommitment[];
  roll: RollEntry[];
  board: BoardEntry[];
  /** Per group: the weighted homomorphic sum of the last ballot of each slot, one ciphertext per choice. */
  encryptedTally: { group: string; ciphertexts: Ciphertext[] }[];
  /** From at least `threshold` trustees, for every group's ciphertexts in order (groups in encryptedTally order). */
  partialDecryptions: PartialDecryption[];
  /** The decrypted weighted counts per group and choice. */
  result: { group: string; counts: number[] }[];
}
