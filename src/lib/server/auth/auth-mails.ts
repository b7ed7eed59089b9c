import { isLocale, textDirection, BASE_LOCALE, localizePath, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { renderMailLayout } from '#lib/server/mail/layout.ts';
import { queueMail } from '#lib/server/mail/mail.service.ts';
import { footerLines } from '#lib/server/mail/footer.ts';

export type AuthMail = 'verify_email' | 'reset_password' | 'account_exists' | 'change_email';

/** Queues one of the account mails in the recipient's language, with the action link. */
export async function queueAuthMail(
	db: DbOrTx,
	kind: AuthMail,
	to: { email: string; name: string; locale: string },
	origin: string,
	token?: string
) {
	const locale: Locale = isLocale(to.locale) ? to.locale : BASE_LOCALE;
	const o = { locale };
	const link = (path: string) =>
		`${origin}${localizePath(path, locale)}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
	const content = {
		verify_email: {
			subject: m.mail_verify_subject({}, o),
			paragraphs: [
				m.mail_greeting({ name: to.name }, o),
				m.mail_verify_text({}, o),
				m.mail_ignore_text({}, o)
			],
			action: { label: m.mail_verify_action({}, o), url: link('/email-bestaetigen') }
		},
		reset_password: {
			subject: m.mail_reset_subject({}, o),
			paragraphs: [
				m.mail_greeting({ name: to.name }, o),
				m.mail_reset_text({}, o),
				m.mail_ignore_text({}, o)
			],
			action: { label: m.mail_reset_action({}, o), url: link('/passwort-neu') }
		},
		change_email: {
			subject: m.mail_change_email_subject({}, o),
			paragraphs: [
				m.mail_greeting({ name: to.name }, o),
				m.mail_change_email_text({}, o),
				m.mail_ignore_text({}, o)
			],
			action: { label: m.mail_verify_action({}, o), url: link('/email-aendern') }
		},
		account_exists: {
			subject: m.mail_exists_subject({}, o),
			paragraphs: [
				m.mail_greeting({ name: to.name }, o),
				m.mail_exists_text({}, o),
				m.mail_ignore_text({}, o)
			],
			action: {
				label: m.mail_reset_action({}, o),
				url: `${origin}${localizePath('/passwort-vergessen', locale)}`
			}
		}
	}[kind];
	const { text, html } = renderMailLayout({
		locale,
		dir: textDirection(locale),
		heading: content.subject,
		paragraphs: content.paragraphs,
		action: content.action,
		footerLines: await footerLines(db)
	});
	return queueMail(db, { to: to.email, locale, purpose: kind, subject: content.subject, text, html });
}
