// Calls of the verifiable secret ballot (/api/v1/ballots/:id/evote…) and the trustee's key file. The data shapes are
// the crypto's own contract (src/modules/governance/verifiable/types.ts), imported from the server's source so the
// browser encrypts, audits and verifies with exactly the code the server and the verifier run.
import { api, apiUrl } from '../core/api.ts';
import type {
  ElectionManifest,
  ElectionRecord,
  EncryptedBallot,
  EncryptedShare,
  PartialDecryption,
  TrusteeKeyCommitment,
} from '../../../src/modules/governance/verifiable/types.ts';
import type { TrusteeSecret } from '../../../src/modules/governance/verifiable/index.ts';

export type { ElectionManifest, ElectionRecord, EncryptedBallot, TrusteeSecret };

const enc = encodeURIComponent;
const base = (ballotId: string) => `/ballots/${enc(ballotId)}/evote`;

export interface TrusteeState {
  index: number;
  personId: string;
  name: string;
  committed: boolean;
  sharesPosted: boolean;
  sharesOk: boolean | null;
  badFrom: number[];
  decrypted: boolean;
}

export interface ElectionState {
  ballotId: string;
  electionId: string;
  status: 'ceremony' | 'ready' | 'tallying' | 'decrypted' | string;
  ballotStatus: string;
  method: string;
  trustees: number;
  threshold: number;
  publicKey: string | null;
  manifest: ElectionManifest | null;
  manifestHash: string | null;
  trusteeList: TrusteeState[];
  myTrusteeIndex: number | null;
  boardEntries: number;
  rollSlots: number;
}

export interface MySlot {
  slot: string;
  personId: string;
  name: string;
  weight: number;
  grp: string;
  own: boolean;
  voted: boolean;
  lastTrackingCode: string | null;
}

export interface MyElection {
  ballotId: string;
  status: string;
  ballotStatus: string;
  manifest: ElectionManifest | null;
  manifestHash: string | null;
  slots: MySlot[];
}

export interface CastReceipt {
  ballotId: string;
  voterSlot: string;
  trackingCode: string;
  seq: number;
  hash: string;
  revote: boolean;
}

export interface BoardEntryView {
  seq: number;
  hash: string;
  trackingCode: string;
  ballot: EncryptedBallot;
  superseded: boolean;
}

export interface BoardPage {
  manifestHash: string | null;
  total: number;
  page: number;
  pageSize: number;
  items: BoardEntryView[];
}

export const electionState = (ballotId: string) => api<ElectionState>(base(ballotId));
export const myElection = (ballotId: string) => api<MyElection>(`${base(ballotId)}/me`);
export const castEncrypted = (ballotId: string, voterSlot: string, ballot: EncryptedBallot) =>
  api<CastReceipt>(`${base(ballotId)}/cast`, { method: 'POST', json: { voterSlot, ballot } });
export const boardPage = (ballotId: string, page: number, pageSize = 50) => api<BoardPage>(`${base(ballotId)}/board`, { query: { page, pageSize } });
export const boardLookup = (ballotId: string, code: string) => api<BoardEntryView>(`${base(ballotId)}/board/${enc(code.trim().toLowerCase())}`);
export const electionRecord = (ballotId: string) => api<ElectionRecord & { status: string }>(`${base(ballotId)}/record`);
export const recordUrl = (ballotId: string) => apiUrl(`${base(ballotId)}/record`);

export const commitments = (ballotId: string) => api<{ items: TrusteeKeyCommitment[] }>(`${base(ballotId)}/commitments`);
export const postCommitment = (ballotId: string, index: number, commitment: TrusteeKeyCommitment) =>
  api<ElectionState>(`${base(ballotId)}/trustees/${index}/commitment`, { method: 'POST', json: { commitment } });
export const postShares = (ballotId: string, index: number, shares: EncryptedShare[]) =>
  api<ElectionState>(`${base(ballotId)}/trustees/${index}/shares`, { method: 'POST', json: { shares } });
export const sharesForMe = (ballotId: string, index: number) => api<{ items: EncryptedShare[] }>(`${base(ballotId)}/trustees/${index}/shares`);
export const ackShares = (ballotId: string, index: number, ok: boolean, badFrom: number[] = []) =>
  api<ElectionState>(`${base(ballotId)}/trustees/${index}/ack`, { method: 'POST', json: ok ? { ok } : { ok, badFrom } });
export const postPartial = (ballotId: string, index: number, partial: PartialDecryption) =>
  api<ElectionState>(`${base(ballotId)}/trustees/${index}/partial-decryption`, { method: 'POST', json: { partial } });

// ---------- the trustee's key file ----------

/** What a trustee keeps: the secret from the ceremony and, once the shares are checked, their key share. It never
 * leaves the browser except as the file the trustee downloads. */
export interface TrusteeKeyFile {
  format: 'cooperando-evote-keyfile/1';
  ballotId: string;
  secret: TrusteeSecret;
  /** The public commitment generated with the secret (posted once; kept to post it again from another device). */
  commitment: TrusteeKeyCommitment;
  share: string | null;
}

const storageKey = (ballotId: string, index: number) => `cooperando.evote.trustee.${ballotId}.${index}`;

export function loadKeyFile(ballotId: string, index: number): TrusteeKeyFile | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(ballotId, index));
    return raw ? parseKeyFile(raw, ballotId, index) : null;
  } catch {
    return null;
  }
}

export function saveKeyFile(file: TrusteeKeyFile): void {
  try {
    globalThis.localStorage?.setItem(storageKey(file.ballotId, file.secret.index), JSON.stringify(file));
  } catch {
    // storage disabled: the downloaded file is the only copy
  }
}

/** Parses a key file (uploaded or stored); null if it is not this trustee's for this election. */
export function parseKeyFile(text: string, ballotId: string, index: number): TrusteeKeyFile | null {
  try {
    const f = JSON.parse(text) as TrusteeKeyFile;
    if (f?.format !== 'cooperando-evote-keyfile/1' || f.ballotId !== ballotId || f.secret?.index !== index || f.secret.electionId !== ballotId) return null;
    return f;
  } catch {
    return null;
  }
}
