import type { OrganisationRow } from './directory.queries.ts';

/** A saved profile as the values and checkbox lists the organisation form shows. */
export function profileFormValues(org: OrganisationRow, description: string) {
	const values: Record<string, string> = {
		name: org.name,
		kind: org.kind,
		legalForm: org.legalForm ?? '',
		registerCourt: org.registerCourt ?? '',
		registerNumber: org.registerNumber ?? '',
		districtKey: org.districtKey,
		municipality: org.municipality,
		postalCode: org.postalCode,
		street: org.street,
		phone: org.phone,
		email: org.email,
		website: org.website,
		contactPerson: org.contactPerson,
		foundingYear: org.foundingYear ? String(org.foundingYear) : '',
		communities: org.communities.join(', '),
		description
	};
	return { values, lists: { languages: org.languages, fields: org.fields } };
}
