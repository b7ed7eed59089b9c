import { BASE_LOCALE, isLocale, textDirection, type Locale } from '#lib/i18n/locales.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import type { MailAttachment } from '#lib/server/db/schema/index.ts';
import { footerLines } from './footer.ts';
import { renderMailLayout } from './layout.ts';
import { queueMail } from './mail.service.ts';

export interface Recipient {
	email: string;
	locale: string;
}

export interface MailContent {
	subject: string;
	paragraphs: string[];
	action?: { label: string; url: string };
}

/** Queues a mail in the recipient's language (German when theirs is unknown), with our footer. */
export async function queueComposedMail(
	db: DbOrTx,
	to: Recipient,
	purpose: string,
	build: (o: { locale: Locale }) => MailContent,
	attachments: MailAttachment[] = []
) {
	const locale: Locale = isLocale(to.locale) ? to.locale : BASE_LOCALE;
	const content = build({ locale });
	const { text, html } = renderMailLayout({
		locale,
		dir: textDirection(locale),
		heading: content.subject,
		paragraphs: content.paragraphs,
		action: content.action,
		footerLines: await footerLines(db)
	});
	await queueMail(db, { to: to.email, locale, purpose, subject: content.subject, text, html, attachments });
}
