import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

/** The authenticator app's code, `offset` 30-second steps from now (the server accepts ±1). */
export function totp(secret: string, offset = 0): string {
	const step = Math.floor(Date.now() / 30_000) + offset;
	return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}
