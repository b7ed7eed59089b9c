import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe(passwordProblem.name, () => {
	it('accepts a long passphrase without composition rules', () => {
		expect(passwordProblem('grüne tomaten im garten')).toBeNull();
	});
	it('rejects short, absurdly long and well-known passwords', () => {
		expect(passwordProblem('kurz123')).toBe('auth_password_too_short');
		expect(passwordProblem('x'.repeat(201))).toBe('auth_password_too_long');
		expect(passwordProblem('Passwort123')).toBe('auth_password_too_common');
		expect(passwordProblem('aaaaaaaaaaaa')).toBe('auth_password_too_common');
	});
	it('rejects the own email address as password', () => {
		expect(passwordProblem('lena.schmidt@example.org', { email: 'lena.schmidt@example.org' })).toBe(
			'auth_password_too_common'
		);
	});
});
