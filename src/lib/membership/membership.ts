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
 * A membership number from the board's pattern: `JJJJ` is the year, a run of `N` the running
 * number of the year with at least that many digits. "M-JJJJ-NNN" with 2026 and 17 gives
 * "M-2026-017". (The first releases wrote `{year}` and `{seq}`; those still work.)
 */
export function membershipNumber(pattern: string, year: number, sequence: number): string {
	const withYear = pattern.replaceAll('{year}', 'JJJJ').replaceAll('{seq}', 'NNN');
	return withYear
		.replaceAll('JJJJ', String(year))
		.replace(/N+/, (run) => String(sequence).padStart(run.length, '0'));
}

/** A pattern must say where the running number goes. */
export function validNumberPattern(pattern: string): boolean {
	return /N+|\{seq\}/.test(pattern) && !/[<>"&]/.test(pattern) && pattern.length <= 40;
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
