// Outgoing mail. Every message is first written to `mail_outbox` inside the caller's transaction (so a change that
// rolls back sends nothing), then delivered after commit: through SMTP when SMTP_URL is set — with retries, the body
// cleared once sent — or, without SMTP, left in the outbox where platform administrators read it in the web app.
import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../../core/db.ts';
import type { Locale } from '../../../core/i18n.ts';
import { renderMail, type MailTemplate } from './templates.ts';

export interface MailMessage {
  to: string;
  template: MailTemplate;
  locale: Locale;
  params: Record<string, string>;
  accountId?: string | null;
}

const BATCH = 20;
const MAX_ATTEMPTS = 8;
const RETRY_EVERY_MS = 30_000;

export class Mailer {
  readonly mode: 'smtp' | 'outbox';
  private readonly database: Database;
  private readonly transport: Transporter | null;
  private readonly from: string;
  private readonly onError: (err: unknown) => void;
  private inFlight: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(database: Database, opts: { smtpUrl: string | undefined; from: string; onError?: (err: unknown) => void }) {
    this.database = database;
    this.from = opts.from;
    this.onError = opts.onError ?? (() => {});
    // A small pool of kept-alive connections: an invitation job sends thousands of mails.
    this.transport = opts.smtpUrl ? nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: 4 } as Parameters<typeof nodemailer.createTransport>[0]) : null;
    this.mode = this.transport ? 'smtp' : 'outbox';
    if (this.transport) {
      this.timer = setInterval(() => this.kick(), RETRY_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Writes the message in `tx`; call `kick()` after the transaction commits to deliver it. */
  async enqueue(tx: Pick<Db, 'execute'>, msg: MailMessage): Promise<string> {
    const r = renderMail(msg.template, msg.locale, msg.params);
    const [row] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO mail_outbox (to_address, subject, text_body, html_body, template, locale, account_id, status)
      VALUES (${msg.to}, ${r.subject}, ${r.text}, ${r.html}, ${msg.template}, ${msg.locale}, ${msg.accountId ?? null},
              ${this.mode === 'smtp' ? 'pending' : 'outbox'})
      RETURNING id`);
    return row!.id;
  }

  /** Starts delivering pending mail in the background (no-op without SMTP). */
  kick(): void {
    if (!this.transport || this.closed) return;
    this.inFlight = this.inFlight.then(() => this.flush().then(() => undefined)).catch((e: unknown) => this.onError(e));
  }

  /** Resolves when the deliveries started so far have been attempted (tests, shutdown). */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  /** Delivers due messages; each is claimed by pushing its next attempt forward, so processes do not send twice. */
  async flush(): Promise<number> {
    if (!this.transport) return 0;
    let sent = 0;
    for (;;) {
      const claimed = await queryRows<{ id: string; to_address: string; subject: string; text_body: string; html_body: string | null; attempts: number }>(
        this.database.db,
        sql`UPDATE mail_outbox SET attempts = attempts + 1,
                   next_attempt_at = now() + make_interval(secs => 60 * power(2, attempts)::int)
             WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                           ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id, to_address, subject, text_body, html_body, attempts`,
      );
      if (claimed.length === 0) return sent;
      const results = await Promise.all(claimed.map((m) => this.deliver(m)));
      sent += results.filter(Boolean).length;
    }
  }

  private async deliver(m: { id: string; to_address: string; subject: string; text_body: string; html_body: string | null }): Promise<boolean> {
    try {
      await this.transport!.sendMail({ from: this.from, to: m.to_address, subject: m.subject, text: m.text_body, ...(m.html_body ? { html: m.html_body } : {}) });
      // Once delivered the body (which may hold a one-time link) is not kept.
      await this.database.db.execute(sql`UPDATE mail_outbox SET status = 'sent', sent_at = now(), text_body = NULL, html_body = NULL, last_error = NULL WHERE id = ${m.id}`);
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message.slice(0, 500) : 'send failed';
      await this.database.db.execute(sql`UPDATE mail_outbox SET last_error = ${message},
          status = CASE WHEN attempts >= ${MAX_ATTEMPTS} THEN 'failed' ELSE status END WHERE id = ${m.id}`);
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.inFlight;
    this.transport?.close();
  }
}
