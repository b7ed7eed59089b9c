import type { ServiceContext } from '#lib/server/context.ts';
import type { BoardRepresentative } from '#lib/server/db/schema/index.ts';
import { NotFound } from '#lib/server/errors.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import * as queries from './settings.queries.ts';
import { missingImpressumFields, type ImpressumField } from './impressum.ts';
import type { SettingsInput } from '#lib/schemas/settings.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import { invalidatePageCache } from '#lib/server/http/page-cache.ts';

/** What anyone may see of the association's identity (no bank data). */
export interface PublicAssociation {
	name: string;
	legalForm: string | null;
	foundedOn: string | null;
	motto: string | null;
	seat: string | null;
	street: string | null;
	postalCode: string | null;
	city: string | null;
	email: string | null;
	phone: string | null;
	registerCourt: string | null;
	registerNumber: string | null;
	vatId: string | null;
	representatives: BoardRepresentative[];
	editorialResponsible: string | null;
	privacyContactName: string | null;
	privacyContactEmail: string | null;
	/** Impressum fields the board has not filled in yet. */
	missing: ImpressumField[];
}

export async function getPublicAssociation(ctx: ServiceContext): Promise<PublicAssociation> {
	requireAccess(ctx.actor, 'settings.read_public');
	const row = await queries.findSettings(ctx.db);
	if (!row) throw new NotFound('association settings');
	return {
		name: row.name,
		legalForm: row.legalForm,
		foundedOn: row.foundedOn,
		motto: row.motto,
		seat: row.seat,
		street: row.street,
		postalCode: row.postalCode,
		city: row.city,
		email: row.email,
		phone: row.phone,
		registerCourt: row.registerCourt,
		registerNumber: row.registerNumber,
		vatId: row.vatId,
		representatives: row.representatives,
		editorialResponsible: row.editorialResponsible,
		privacyContactName: row.privacyContactName,
		privacyContactEmail: row.privacyContactEmail,
		missing: missingImpressumFields(row)
	};
}

/** Everything, bank data included: for the board and admins. */
export async function getAllSettings(ctx: ServiceContext) {
	requireAccess(ctx.actor, 'settings.read_all');
	const row = await queries.findSettings(ctx.db);
	if (!row) throw new NotFound('association settings');
	return { ...row, missing: missingImpressumFields(row) };
}

/** Saves the association's identity; the Impressum and every page show it at once. */
export async function updateAssociationSettings(
	ctx: ServiceContext,
	input: SettingsInput,
	ip: string | null
) {
	requireAccess(ctx.actor, 'settings.edit');
	await ctx.db.transaction(async (tx) => {
		const before = await queries.findSettings(tx);
		await queries.updateSettings(tx, input);
		const changed = Object.keys(input).filter(
			(key) =>
				JSON.stringify(before?.[key as keyof typeof before] ?? null) !==
				JSON.stringify(input[key as keyof SettingsInput])
		);
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'settings.updated',
			subjectType: 'settings',
			details: { fields: changed },
			ip
		});
	});
	invalidatePageCache();
}
