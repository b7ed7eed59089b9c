import { formatDate } from '#lib/i18n/format.ts';
import { localizePath } from '#lib/i18n/locales.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { Conflict, NotFound } from '#lib/server/errors.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './events.queries.ts';
import { placeText } from './feeds.ts';
import { isWinAnsi, renderPdf } from './pdf.ts';
import { certificateState, getRegistration } from './registration.service.ts';
import { registrationIdFromToken } from './registration-link.ts';

/** Hours from the event's field, or its length (rounded to half hours) where none is given. */
export function certificateHours(event: queries.EventRow): string {
	const hours = event.hours
		? Number(event.hours)
		: Math.round(((event.endsAt.getTime() - event.startsAt.getTime()) / 3600_000) * 2) / 2;
	return new Intl.NumberFormat('de', { maximumFractionDigits: 1 }).format(hours);
}

/** The name printed on the certificate: as registered, or the Latin spelling the person gave. */
export function certificateName(registration: queries.RegistrationRow): string | null {
	if (registration.certificateName) return registration.certificateName;
	return isWinAnsi(registration.name) ? registration.name : null;
}

/**
 * The participation certificate as a PDF, for the person with the private link. Certificates are
 * German documents of a German association; names in other scripts need a Latin spelling (as in
 * the passport) first, because the PDF uses the standard fonts.
 */
export async function participationCertificate(ctx: ServiceContext, token: string, origin: string) {
	const view = await getRegistration(ctx, token);
	const state = certificateState(view.event, view.registration);
	if (!state) throw new NotFound('certificate');
	const name = certificateName(view.registration);
	if (!name) throw new Conflict('events_certificate_name_needed');
	const association = await findSettings(ctx.db);
	const e = view.event;
	const date = formatDate(e.startsAt, 'de');
	const verifyUrl = `${origin}${localizePath('/veranstaltungen/bescheinigung', 'de')}`;
	const organiser = view.organiserName ?? association?.name ?? '';
	const address = [
		association?.street,
		[association?.postalCode, association?.city].filter(Boolean).join(' ')
	]
		.filter(Boolean)
		.join(', ');
	const pdf = renderPdf(`Teilnahmebescheinigung – ${e.title}`, [
		{ text: association?.name ?? '', size: 14, bold: true },
		...(address ? [{ text: address, size: 10 }] : []),
		{ text: 'Teilnahmebescheinigung', size: 26, bold: true, gap: 60 },
		{ text: name, size: 18, bold: true, gap: 40 },
		{ text: `hat am ${date} an der Fortbildung`, size: 12, gap: 16 },
		{ text: e.title, size: 16, bold: true, gap: 8 },
		{ text: 'teilgenommen.', size: 12, gap: 8 },
		{ text: `Umfang: ${certificateHours(e)} Stunden`, size: 12, gap: 24 },
		{ text: `Ort: ${placeText(e)}`, size: 12, gap: 4 },
		{ text: `Veranstalter: ${organiser}`, size: 12, gap: 4 },
		{ text: `Ausgestellt von ${association?.name ?? ''}`, size: 10, gap: 60 },
		{ text: `Prüfcode: ${state.code}`, size: 12, bold: true, gap: 16 },
		{ text: `Die Echtheit lässt sich mit dem Prüfcode unter ${verifyUrl} prüfen.`, size: 10, gap: 4 }
	]);
	return { pdf, filename: `teilnahmebescheinigung-${state.code}.pdf` };
}

/** Stores the Latin spelling of the name for the certificate. */
export async function setCertificateName(ctx: ServiceContext, token: string, name: string) {
	const id = await registrationIdFromToken(ctx.db, token);
	if (id === null) throw new NotFound('registration');
	await queries.updateRegistration(ctx.db, id, { certificateName: name });
}

/** What anyone holding a certificate's code may confirm: name, training, date, hours, organiser. */
export async function verifyCertificate(ctx: ServiceContext, code: string) {
	requireAccess(ctx.actor, 'events.read');
	const normalized = code.trim().toUpperCase().replace(/\s+/g, '');
	if (!/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(normalized)) return null;
	const row = await queries.findByCertificateCode(ctx.db, normalized);
	if (!row || row.registration.attended !== true) return null;
	const association = await findSettings(ctx.db);
	return {
		code: normalized,
		name: certificateName(row.registration) ?? row.registration.name,
		title: row.event.title,
		startsAt: row.event.startsAt,
		hours: certificateHours(row.event),
		organiser: row.organiserName ?? association?.name ?? ''
	};
}
