/** The Impressum's mandatory data (§ 5 DDG, § 18 (2) MStV) that lives in the settings. */
export const IMPRESSUM_FIELDS = [
	'address',
	'email',
	'phone',
	'representatives',
	'register',
	'editorialResponsible'
] as const;
export type ImpressumField = (typeof IMPRESSUM_FIELDS)[number];

interface ImpressumData {
	street: string | null;
	postalCode: string | null;
	city: string | null;
	email: string | null;
	phone: string | null;
	registerCourt: string | null;
	registerNumber: string | null;
	representatives: readonly { name: string }[];
	editorialResponsible: string | null;
}

const filled = (value: string | null | undefined) => Boolean(value && value.trim());

/** Which mandatory Impressum data is still missing — shown as missing, never invented. */
export function missingImpressumFields(data: ImpressumData): ImpressumField[] {
	const present: Record<ImpressumField, boolean> = {
		address: filled(data.street) && filled(data.postalCode) && filled(data.city),
		email: filled(data.email),
		// § 5 DDG wants a second fast channel besides email; until the contact form exists, a phone number.
		phone: filled(data.phone),
		representatives: data.representatives.some((r) => filled(r.name)),
		register: filled(data.registerCourt) && filled(data.registerNumber),
		editorialResponsible: filled(data.editorialResponsible)
	};
	return IMPRESSUM_FIELDS.filter((field) => !present[field]);
}
