import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_VISIBILITY, type OrganisationKind } from '#lib/directory/directory.ts';
import { isLocale } from '#lib/i18n/locales.ts';
import type { Db } from '#lib/server/db/client.ts';
import * as directory from '#lib/server/directory/directory.queries.ts';
import { refreshSearchOf } from '#lib/server/directory/directory.service.ts';
import { officialMunicipality } from '#lib/server/directory/municipalities.ts';

interface DemoOrganisation {
	slug: string;
	name: string;
	kind: OrganisationKind;
	legalForm: string | null;
	registerCourt: string | null;
	registerNumber: string | null;
	districtKey: string;
	municipality: string;
	postalCode: string;
	street: string;
	phone: string | null;
	email: string | null;
	website: string | null;
	foundingYear: number | null;
	languages: string[];
	communities: string[];
	fields: string[];
	isMember: boolean;
	contactPerson: string | null;
	description: Record<string, string>;
}

/**
 * Demo mode (DEMO=1) only: fills an empty directory with the clearly fictional actors of
 * `content/demo/organisations.json` (every text says so; contact data uses reserved example
 * domains and phone numbers). Never runs when the directory holds anything.
 */
export async function seedDemoData(db: Db, contentDir: string): Promise<number> {
	if ((await directory.countOrganisations(db)) > 0) return 0;
	const file = path.join(contentDir, 'demo', 'organisations.json');
	const entries = JSON.parse(await readFile(file, 'utf8')) as DemoOrganisation[];
	await db.transaction(async (tx) => {
		for (const e of entries) {
			const org = await directory.insertOrganisation(tx, {
				slug: e.slug,
				name: e.name,
				kind: e.kind,
				legalForm: e.legalForm,
				registerCourt: e.registerCourt,
				registerNumber: e.registerNumber,
				districtKey: e.districtKey,
				municipality: officialMunicipality(e.districtKey, e.municipality),
				postalCode: e.postalCode,
				street: e.street,
				phone: e.phone ?? '',
				email: e.email ?? '',
				website: e.website ?? '',
				contactPerson: e.contactPerson ?? '',
				foundingYear: e.foundingYear,
				languages: e.languages,
				communities: e.communities,
				fields: e.fields,
				isMember: e.isMember,
				visibility: DEFAULT_VISIBILITY,
				status: 'published'
			});
			for (const [locale, body] of Object.entries(e.description)) {
				if (!isLocale(locale)) continue;
				await directory.upsertDescription(tx, {
					organisationId: org.id,
					locale,
					body,
					sourceRevision: org.sourceRevision,
					reviewed: locale === 'de'
				});
			}
			await refreshSearchOf(tx, org);
		}
	});
	return entries.length;
}
