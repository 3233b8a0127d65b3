// oidc-provider's storage in PostgreSQL (PGlite too): every model (Session, Interaction, AuthorizationCode,
// AccessToken, RefreshToken, Grant …) is a JSON document in `oidc_models`, keyed by (model, id), with the lookups the
// provider needs (grant id, uid, user code) as columns. Clients come from `oidc_clients`, which administrators keep.
import { sql } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { queryRows, type Database } from '../../../core/db.ts';

/** Models that carry a grant id and are revoked together (revokeByGrantId). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

interface Row {
  payload: AdapterPayload | string;
  consumed_at: string | Date | null;
}

function toPayload(r: Row | undefined): AdapterPayload | undefined {
  if (!r) return undefined;
  const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as AdapterPayload) : r.payload;
  return r.consumed_at ? { ...payload, consumed: Math.floor(new Date(r.consumed_at).getTime() / 1000) } : payload;
}

export type ClientLoader = (clientId: string) => Promise<AdapterPayload | undefined>;

/** The adapter class oidc-provider instantiates once per model name. */
export function pgAdapter(database: Database, loadClient: ClientLoader): new (name: string) => Adapter {
  const db = database.db;
  return class PgAdapter implements Adapter {
    readonly name: string;
    constructor(name: string) {
      this.name = name;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.name === 'Client') return; // clients are registered through the admin API only
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await db.execute(sql`
        INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at)
        VALUES (${this.name}, ${id}, ${JSON.stringify(payload)}::jsonb, ${payload.grantId ?? null}, ${payload.userCode ?? null}, ${payload.uid ?? null}, ${expiresAt})
        ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
          user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`);
      // Expired documents are dropped now and then by whichever process writes.
      if (Math.random() < 0.01) await db.execute(sql`DELETE FROM oidc_models WHERE expires_at < now() - interval '1 hour'`);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.name === 'Client') return loadClient(id);
      const [row] = await queryRows<Row>(db, sql`
        SELECT payload, consumed_at FROM oidc_models
         WHERE model = ${this.name} AND id = ${id} AND (expires_at IS NULL OR expires_at > now())`);
      return toPayload(row);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const [row] = await queryRows<Row>(db, sql`
        SELECT payload, consumed_at FROM oidc_models
         WHERE model = ${this.name} AND user_code = ${userCode} AND (expires_at IS NULL OR expires_at > now())`);
      return toPayload(row);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const [row] = await queryRows<Row>(db, sql`
        SELECT payload, consumed_at FROM oidc_models
         WHERE model = ${this.name} AND uid = ${uid} AND (expires_at IS NULL OR expires_at > now())`);
      return toPayload(row);
    }

    async consume(id: string): Promise<void> {
      await db.execute(sql`UPDATE oidc_models SET consumed_at = now() WHERE model = ${this.name} AND id = ${id}`);
    }

    async destroy(id: string): Promise<void> {
      await db.execute(sql`DELETE FROM oidc_models WHERE model = ${this.name} AND id = ${id}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.execute(sql`DELETE FROM oidc_models WHERE grant_id = ${grantId} AND model IN ${[...GRANTABLE]}`);
    }
  };
}
