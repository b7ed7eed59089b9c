/** The membership vocabulary shared by server and pages. Labels: `membership_*` message keys. */

/** What someone can apply for; honorary membership is by nomination only. */
export const APPLICATION_CHOICES = ['ordinary', 'supporting_person', 'supporting_organisation'] as const;
export type ApplicationChoice = (typeof APPLICATION_CHOICES)[number];

export const MEMBER_LEGAL_FORMS = ['ev', 'ggmbh', 'gug', 'foundation', 'eg', 'other'] as const;

/** Saxony's three register courts for associations; anything else is "another court". */
export const SAXON_REGISTER_COURTS = [
	'Amtsgericht Chemnitz',
	'Amtsgericht Dresden',
	'Amtsgericht Leipzig'
] as const;

export const END_REASONS = ['resignation', 'exclusion', 'dissolution', 'death'] as const;
export type EndReason = (typeof END_REASONS)[number];

/**
 * A membership number from the pattern: `{year}` and `{seq}` (running number of the year, at least
 * three digits). "M-{year}-{seq}" with 2026 and 17 gives "M-2026-017".
 */
export function membershipNumber(pattern: string, year: number, sequence: number): string {
	return pattern.replaceAll('{year}', String(year)).replaceAll('{seq}', String(sequence).padStart(3, '0'));
}

/** Whether a register number is plausible for the legal form (Vereinsregister, Handelsregister …). */
export function plausibleRegisterNumber(legalForm: string, number: string): boolean {
	const n = number.trim().replace(/\s+/g, ' ');
	switch (legalForm) {
		case 'ev':
			return /^VR ?\d{1,6}( ?[A-Z]{1,2})?$/.test(n);
		case 'ggmbh':
		case 'gug':
			return /^HRB ?\d{1,7}( ?[A-Z]{1,2})?$/.test(n);
		case 'eg':
			return /^GnR ?\d{1,6}$/.test(n);
		default:
			return n.length === 0 || /^[A-Za-z]{1,4} ?\d{1,7}( ?[A-Z]{1,2})?$/.test(n);
	}
}
