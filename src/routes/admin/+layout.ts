// The admin area is interactive: forms are enhanced (they work without JavaScript too).
export const csr = true;
