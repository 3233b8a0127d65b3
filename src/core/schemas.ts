// Schema building blocks shared by every module's routes.
import Type from 'typebox';

/** A canonical UUID. (ajv's `uuid` format also accepts a `urn:uuid:` prefix, which PostgreSQL rejects.) */
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });

/** An ISO 8601 calendar date within the years PostgreSQL and the registry accept (1800–2199). */
export const IsoDate = Type.String({ format: 'date', pattern: '^(18|19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$' });

/** `?lang=it|en`, accepted on every route. */
export const Lang = Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')]));
