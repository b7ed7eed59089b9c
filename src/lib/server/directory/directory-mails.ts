import { localizePath } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import type { DbOrTx } from '#lib/server/db/client.ts';
import { queueComposedMail } from '#lib/server/mail/compose.ts';

interface Recipient {
	email: string;
	name: string;
	locale: string;
}

const send = queueComposedMail;

/** An invitation to join an organisation's team on the platform. */
export async function queueInvitationMail(
	db: DbOrTx,
	to: Recipient,
	details: { organisation: string; inviter: string; origin: string; token: string }
) {
	await send(db, to, 'directory_invitation', (o) => ({
		subject: m.mail_invitation_subject({ organisation: details.organisation }, o),
		paragraphs: [
			m.mail_invitation_text({ organisation: details.organisation, inviter: details.inviter }, o),
			m.mail_invitation_account({}, o),
			m.mail_ignore_text({}, o)
		],
		action: {
			label: m.mail_invitation_action({}, o),
			url: `${details.origin}${localizePath('/einladung', o.locale)}?token=${encodeURIComponent(details.token)}`
		}
	}));
}

/** The editors' decision on a proposal or claim, to the person who made it. */
export async function queueDecisionMail(
	db: DbOrTx,
	to: Recipient,
	details: { organisation: string; approved: boolean; kind: 'proposal' | 'claim'; note: string; url: string }
) {
	await send(db, to, 'directory_decision', (o) => {
		const approved = details.kind === 'proposal' ? m.mail_proposal_approved : m.mail_claim_approved;
		const rejected = details.kind === 'proposal' ? m.mail_proposal_rejected : m.mail_claim_rejected;
		return {
			subject: m.mail_directory_decision_subject({ organisation: details.organisation }, o),
			paragraphs: [
				m.mail_greeting({ name: to.name }, o),
				(details.approved ? approved : rejected)({ organisation: details.organisation }, o),
				...(details.note ? [m.mail_directory_decision_note({ note: details.note }, o)] : [])
			],
			...(details.approved && { action: { label: m.mail_directory_open_profile({}, o), url: details.url } })
		};
	});
}
