/** A CPF's digits, from what a person types ("123.456.789-09", "12345678909"), or null when it isn't 11 digits. */
export function normalizeCpf(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[\d.\s-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  return digits.length === 11 ? digits : null;
}

/** Receita Federal's check digit over the first `length` digits: weights length+1 down to 2, mod 11. */
function checkDigit(digits: string, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Number(digits[i]) * (length + 1 - i);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** Whether 11 digits are a CPF by its two check digits; a run of one digit ("111.111.111-11") passes them but is never issued. */
export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  return checkDigit(digits, 9) === Number(digits[9]) && checkDigit(digits, 10) === Number(digits[10]);
}

/** "123.456.789-09", as people write it. */
export function formatCpf(digits: string): string {
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}
