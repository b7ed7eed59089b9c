import type { MessageKey } from '#lib/i18n/messages.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// The most common passwords and patterns from public breach lists (international and German).
// Length rules already exclude most of them; these are the long-enough ones people still pick.
const COMMON = new Set([
	'1234567890',
	'12345678910',
	'0123456789',
	'1111111111',
	'0000000000',
	'qwertyuiop',
	'qwertzuiop',
	'asdfghjkl',
	'password123',
	'password1234',
	'passwort123',
	'passwort1234',
	'hallo12345',
	'hallo123456',
	'iloveyou123',
	'qwerty12345',
	'qwertz12345',
	'abc1234567',
	'a1b2c3d4e5',
	'administrator',
	'admin12345',
	'welcome123',
	'willkommen',
	'willkommen1',
	'willkommen123',
	'sommer2024',
	'sommer2025',
	'sommer2026',
	'winter2025',
	'winter2026',
	'fussball123',
	'schalke04',
	'dresden123',
	'leipzig123',
	'chemnitz123',
	'sachsen123',
	'deutschland',
	'deutschland1',
	'passwortpasswort',
	'passwordpassword',
	'letmein123',
	'football123',
	'baseball123',
	'monkey12345',
	'dragon12345',
	'sunshine123',
	'princess123',
	'trustno1234',
	'1q2w3e4r5t',
	'1qaz2wsx3edc',
	'zaq12wsxcde',
	'qazwsxedc123',
	'miteinander',
	'miteinander1',
	'integration',
	'integration1',
	'integrationsnetzwerk'
]);

/**
 * Rules that protect without annoying: long enough, not absurdly long (hashing cost), not a
 * well-known password, not the user's own email or name. No composition rules (NIST SP 800-63B).
 */
export function passwordProblem(
	password: string,
	context: { email?: string; name?: string } = {}
): MessageKey | null {
	if (password.length < PASSWORD_MIN_LENGTH) return 'auth_password_too_short';
	if (password.length > PASSWORD_MAX_LENGTH) return 'auth_password_too_long';
	const lower = password.toLowerCase();
	if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'auth_password_too_common';
	const own = [
		context.email?.toLowerCase(),
		context.email?.split('@')[0]?.toLowerCase(),
		context.name?.toLowerCase()
	];
	if (own.some((value) => value && value.length >= 4 && lower === value)) return 'auth_password_too_common';
	return null;
}
