// The bulletin board's hash chain. Byte level (all values are 32-byte sha256 digests given as hex):
//   h_0 = sha256(manifestHash)                      — the 32 bytes of the manifest hash, not its hex text
//   h_s = sha256(h_{s−1} ‖ trackingCode_s)           — 64 bytes in, for the entry with seq s = 1, 2, …
// Each entry publishes h_s as `hash`: dropping, inserting, reordering or changing an entry breaks every later hash.
import { bytes32, sha256Hex } from './group.ts';
import type { Hex } from './types.ts';

export function chainHash(prevHash: Hex | null, manifestHash: Hex, trackingCode: Hex): Hex {
  const prev = prevHash ?? sha256Hex(bytes32(manifestHash));
  const input = new Uint8Array(64);
  input.set(bytes32(prev), 0);
  input.set(bytes32(trackingCode), 32);
  return sha256Hex(input);
}

