import { TextField } from "@/components/form";

/** A money form's amount, typed in the currency of the wallet it concerns. */
export function AmountField({ currency, defaultValue, errors }: { currency: string; defaultValue?: string; errors?: string[] }) {
  return (
    <TextField
      label={`Amount (${currency})`}
      name="amount"
      inputMode="decimal"
      autoComplete="off"
      placeholder="0.00"
      defaultValue={defaultValue}
      errors={errors}
    />
  );
}
