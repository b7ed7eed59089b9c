import { describe, expect, it } from 'vitest';

describe('runtime', () => {
	it('is Node 24 (the npm package), also where the system Node is older', () => {
		expect(process.versions.node.split('.')[0]).toBe('24');
	});
});
