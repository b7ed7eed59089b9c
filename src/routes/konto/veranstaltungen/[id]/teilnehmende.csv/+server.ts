import { translate } from '#lib/i18n/messages.ts';
import { registrationStatusLabel } from '#lib/events/labels.ts';
import { guardEventPages } from '#lib/server/events/guards.ts';
import { toCsv } from '#lib/server/http/csv.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { listParticipants } from '#lib/server/events/registration.service.ts';
import { berlinDate, berlinTime } from '#lib/events/time.ts';

/** The participant list for spreadsheet programs (semicolons, as German Excel expects). */
export const GET = async ({ locals, params }) => {
	guardEventPages(locals);
	const view = await orHttpError(locals.locale, () => listParticipants(locals.ctx, idParam(params.id)));
	const t = (key: Parameters<typeof translate>[0]) => translate(key, locals.locale);
	const questions = view.event.questions;
	const columns = [
		t('events_participant_name'),
		t('auth_email'),
		t('events_status'),
		t('events_waitlist_column'),
		t('events_registered_at'),
		t('events_attended'),
		...questions.map((q) => q.label)
	];
	const rows = view.participants.map((p) => {
		const cells = [
			p.name,
			p.email,
			registrationStatusLabel(p.status, locals.locale),
			p.position === null ? '' : String(p.position),
			`${berlinDate(p.createdAt)} ${berlinTime(p.createdAt)}`,
			p.attended === null ? '' : p.attended ? t('directory_yes') : t('directory_no'),
			...questions.map((q) => p.answers[q.id] ?? '')
		];
		return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
	});
	const body = toCsv(rows, ';', columns);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="teilnehmende-${view.event.id}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
