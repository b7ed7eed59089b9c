import { describe, expect, it } from 'vitest';
import { ANONYMOUS, can, needsSecondFactor, requireAccess } from './policy.ts';
import { Forbidden } from '#lib/server/errors.ts';

describe(can.name, () => {
	it('lets anyone read public content and the public settings', () => {
		expect(can(ANONYMOUS, 'content.read')).toBe(true);
		expect(can(ANONYMOUS, 'settings.read_public')).toBe(true);
	});
	it('denies anonymous visitors everything else', () => {
		for (const action of [
			'content.edit',
			'settings.edit',
			'settings.read_all',
			'admin.access',
			'account.own'
		] as const) {
			expect(can(ANONYMOUS, action)).toBe(false);
		}
	});
	it('gives each role only its own actions', () => {
		const editor = { userId: 1, roles: ['editor'] as const };
		const board = { userId: 2, roles: ['board'] as const, twoFactorVerified: true };
		expect(can(editor, 'content.edit')).toBe(true);
		expect(can(editor, 'settings.edit')).toBe(false);
		expect(can(board, 'settings.read_all')).toBe(true);
		expect(can(board, 'content.edit')).toBe(false);
		expect(can({ userId: 3, roles: ['admin'], twoFactorVerified: true }, 'settings.edit')).toBe(true);
	});
	it('grants admin and board rights only after the second factor', () => {
		const admin = { userId: 3, roles: ['admin'] as const, twoFactorVerified: false };
		expect(can(admin, 'admin.access')).toBe(false);
		expect(can(admin, 'account.own')).toBe(true);
		expect(needsSecondFactor(admin)).toBe(true);
		expect(needsSecondFactor({ ...admin, twoFactorVerified: true })).toBe(false);
		expect(needsSecondFactor({ userId: 4, roles: ['editor'] })).toBe(false);
	});
	it('denies unknown roles', () => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a corrupted role from the database
		expect(can({ userId: 4, roles: ['superuser' as any], twoFactorVerified: true }, 'settings.edit')).toBe(
			false
		);
	});
});

describe('organisation roles', () => {
	const orgAdmin = {
		userId: 7,
		roles: [],
		organisationRoles: [{ organisationId: 3, role: 'org_admin' as const }]
	};
	it('act only within their own organisation', () => {
		expect(can(orgAdmin, 'organisation.edit', { organisationId: 3 })).toBe(true);
		expect(can(orgAdmin, 'organisation.edit', { organisationId: 4 })).toBe(false);
		expect(can(orgAdmin, 'organisation.edit')).toBe(false);
	});
	it('give members less than admins', () => {
		const member = {
			userId: 8,
			roles: [],
			organisationRoles: [{ organisationId: 3, role: 'org_member' as const }]
		};
		expect(can(member, 'organisation.view_members', { organisationId: 3 })).toBe(true);
		expect(can(member, 'organisation.edit', { organisationId: 3 })).toBe(false);
	});
	it('never grant site rights', () => {
		expect(can(orgAdmin, 'settings.edit', { organisationId: 3 })).toBe(false);
	});
});

describe(requireAccess.name, () => {
	it('throws Forbidden when the policy denies', () => {
		expect(() => requireAccess(ANONYMOUS, 'settings.edit')).toThrow(Forbidden);
		expect(() => requireAccess(ANONYMOUS, 'content.read')).not.toThrow();
	});
});
