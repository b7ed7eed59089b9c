import { describe, expect, it } from 'vitest';
import { addDays, berlinDate, berlinOffsetMinutes, berlinTime, berlinToInstant } from './time.ts';

describe('Berlin wall-clock time', () => {
	it('uses +01:00 in winter and +02:00 in summer', () => {
		expect(berlinToInstant('2027-01-15', '10:00')!.toISOString()).toBe('2027-01-15T09:00:00.000Z');
		expect(berlinToInstant('2027-07-15', '10:00')!.toISOString()).toBe('2027-07-15T08:00:00.000Z');
	});

	it('switches on the last Sunday of March and of October', () => {
		expect(berlinToInstant('2027-03-27', '10:00')!.toISOString()).toBe('2027-03-27T09:00:00.000Z');
		expect(berlinToInstant('2027-03-28', '10:00')!.toISOString()).toBe('2027-03-28T08:00:00.000Z');
		expect(berlinToInstant('2027-10-30', '10:00')!.toISOString()).toBe('2027-10-30T08:00:00.000Z');
		expect(berlinToInstant('2027-10-31', '10:00')!.toISOString()).toBe('2027-10-31T09:00:00.000Z');
		expect(berlinOffsetMinutes(new Date('2027-03-28T00:59:00Z'))).toBe(60);
		expect(berlinOffsetMinutes(new Date('2027-03-28T01:00:00Z'))).toBe(120);
	});

	it('refuses a time skipped when clocks go forward and takes the first of a doubled hour', () => {
		expect(berlinToInstant('2027-03-28', '02:30')).toBeNull();
		expect(berlinToInstant('2027-10-31', '02:30')!.toISOString()).toBe('2027-10-31T00:30:00.000Z');
	});

	it('refuses malformed input', () => {
		expect(berlinToInstant('2027-3-1', '10:00')).toBeNull();
		expect(berlinToInstant('2027-02-30', '10:00')).toBeNull();
		expect(berlinToInstant('2027-02-01', '25:00')).toBeNull();
	});

	it('reads instants back as Berlin date and time', () => {
		const instant = new Date('2027-03-27T23:30:00Z');
		expect(berlinDate(instant)).toBe('2027-03-28');
		expect(berlinTime(instant)).toBe('00:30');
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
	});
});
