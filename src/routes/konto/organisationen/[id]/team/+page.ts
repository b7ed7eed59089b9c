// Forms are enhanced in the browser; they work as plain HTML forms without JavaScript too.
export const csr = true;
