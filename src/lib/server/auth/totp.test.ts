import { describe, expect, it } from 'vitest';
import { generateTotpSecret, matchTotpStep, totpCodeAt, totpKeyUri } from './totp.ts';

describe(matchTotpStep.name, () => {
	const secret = generateTotpSecret();
	const now = Date.UTC(2026, 10, 26, 9, 0, 0);
	it('accepts the current code and its neighbours, returning the time step', () => {
		const step = Math.floor(now / 30_000);
		expect(matchTotpStep(secret, totpCodeAt(secret, now), now)).toBe(step);
		expect(matchTotpStep(secret, totpCodeAt(secret, now - 30_000), now)).toBe(step - 1);
		expect(matchTotpStep(secret, totpCodeAt(secret, now + 30_000), now)).toBe(step + 1);
	});
	it('rejects old codes, wrong codes and garbage', () => {
		expect(matchTotpStep(secret, totpCodeAt(secret, now - 120_000), now)).toBeNull();
		expect(matchTotpStep(secret, '12345', now)).toBeNull();
		expect(matchTotpStep(secret, 'abcdef', now)).toBeNull();
	});
	it('tolerates spaces inside the code', () => {
		const code = totpCodeAt(secret, now);
		expect(matchTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).not.toBeNull();
	});
});

describe(totpKeyUri.name, () => {
	it('is an otpauth URI any authenticator app understands', () => {
		expect(totpKeyUri('Integrationsnetzwerk Sachsen', 'a@example.org', 'JBSWY3DPEHPK3PXP')).toMatch(
			/^otpauth:\/\/totp\/.+\?.*secret=JBSWY3DPEHPK3PXP/
		);
	});
});
