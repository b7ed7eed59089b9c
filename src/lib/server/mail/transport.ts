import nodemailer from 'nodemailer';

/**
 * The SMTP transport, or null without an SMTP URL: then mails are only stored in the outbox (the
 * embedded default) and admins read them there.
 *
 * `smtp://` upgrades with STARTTLS whenever the server offers it; `smtps://` is TLS from the start.
 * Further nodemailer options go into the query string, e.g. `?requireTLS=true` to refuse a server
 * that offers no STARTTLS.
 */
export function createMailTransport(smtpUrl: string | undefined) {
	const url = smtpUrl?.trim();
	if (!url) return null;
	if (!/^smtps?:\/\//i.test(url)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
	return nodemailer.createTransport(url);
}

export type MailTransport = ReturnType<typeof createMailTransport>;
