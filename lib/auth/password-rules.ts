/** The shortest password a person may choose at sign-up: the form shows it, the server enforces it. */
export const minChosenPasswordLength = 8;
