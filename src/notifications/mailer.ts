import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/config';
import { Delivery, describeFailure, Sender } from './delivery';
import type { MailBody } from './notifications.service';

/** the longest one mail may take, connection included; then it is a failure, retried */
export const MAIL_TIMEOUT_MS = 60_000;

/**
 * The e-mail channel: one SMTP transport from DOCKET_SMTP_URL, made once and closed at shutdown.
 * The URL carries nodemailer's options as its query (e.g. `?ignoreTLS=true` for a relay on the
 * same machine that offers STARTTLS with a certificate that does not verify).
 */
@Injectable()
export class Mailer implements Sender, OnApplicationShutdown {
  readonly channel = 'email';
  readonly timeoutMs = MAIL_TIMEOUT_MS;
  private readonly logger = new Logger('Mailer');
  private readonly transport?: Transporter;

  constructor(private readonly config: AppConfig) {
    if (!config.DOCKET_SMTP_URL) return;
    // the URL's own settings win over these bounds (nodemailer's defaults wait minutes)
    this.transport = createTransport({
      url: config.DOCKET_SMTP_URL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    this.transport.on('error', (e: unknown) => this.logger.warn(`SMTP transport: ${describeFailure(e)}`));
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  async send(d: Delivery): Promise<void> {
    const mail = JSON.parse(d.body) as MailBody;
    await this.transport!.sendMail({
      from: this.config.DOCKET_MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
