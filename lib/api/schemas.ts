import { z } from "zod";
import { ledgerTransferKind, userRole } from "@/db/schema";
import { idempotencyKeySchema } from "@/lib/ledger/idempotency";
import { depositInputSchema, withdrawalInputSchema } from "@/lib/ledger/provider";
import { rateInputSchema } from "@/lib/ledger/rates";
import { transferInputSchema } from "@/lib/ledger/transfers";
import { currencySchema } from "@/lib/money/currency";
import { userInputSchema } from "@/lib/users";

// The REST API's request and response shapes. Handlers parse with the request schemas and
// answer in the response shapes (typed from them); the OpenAPI document is generated from both.

const decimal = (description: string) => z.string().describe(description);
const timestamp = z.iso.datetime();

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const tokenRequestSchema = z.object({
  login: z.string().trim().min(1, "Enter your email or username.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
});

export const tokenResponseSchema = z.object({
  token: z.string(),
  tokenType: z.literal("Bearer"),
  expiresAt: timestamp.nullable(),
});

export const moneySchema = z.object({ amount: decimal("A decimal string, like 10.50."), currency: z.string() });

export const walletSchema = z.object({
  id: z.uuid(),
  accountNumber: z.string(),
  currency: z.string(),
  balance: decimal("The booked balance."),
  available: decimal("The balance less what pending withdrawals hold."),
});
export type WalletJson = z.infer<typeof walletSchema>;

export const walletListSchema = z.object({ data: z.array(walletSchema) });

export const openWalletInputSchema = z.object({ currency: currencySchema });

export const transactionsQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "Use the nextCursor of the previous page.")
    .optional()
    .describe("The previous page's nextCursor; leave it out for the newest lines."),
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Lines per page."),
});

export const walletLineSchema = z.object({
  id: z.string(),
  transferId: z.uuid(),
  kind: z.enum(ledgerTransferKind.enumValues),
  purpose: z.enum(["principal", "fee"]),
  amount: decimal("Signed: negative when money left the wallet."),
  currency: z.string(),
  balanceAfter: decimal("The wallet's balance after this line."),
  at: timestamp,
  counterparty: z.string().nullable(),
  reference: z.string().nullable(),
});
export type WalletLineJson = z.infer<typeof walletLineSchema>;

export const walletLinesSchema = z.object({
  items: z.array(walletLineSchema),
  nextCursor: z.string().nullable(),
});

export const rateSchema = z.object({
  base: z.string(),
  quote: z.string(),
  rate: decimal("How many units of quote one unit of base buys."),
  source: z.string(),
  at: timestamp,
});

export const transferResultSchema = z.object({
  id: z.uuid(),
  status: z.literal("completed"),
  debited: moneySchema,
  credited: moneySchema,
  fee: moneySchema,
  rate: rateSchema.nullable(),
});

export const batchInputSchema = z.object({
  transfers: z
    .array(transferInputSchema.extend({ idempotencyKey: idempotencyKeySchema }))
    .min(1, "Send at least one transfer.")
    .max(1000, "Send at most 1,000 transfers at a time."),
});

export const batchResultSchema = z.object({
  results: z.array(
    z.discriminatedUnion("ok", [
      z.object({ idempotencyKey: z.string(), ok: z.literal(true), transfer: transferResultSchema }),
      z.object({ idempotencyKey: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});

export const withdrawalSchema = z.object({
  id: z.uuid(),
  status: z.enum(["pending", "settled", "cancelled"]),
  amount: moneySchema,
});

export const depositResultSchema = z.object({
  id: z.uuid(),
  status: z.literal("completed"),
  credited: moneySchema,
  accountNumber: z.string(),
  reference: z.string(),
});

export const rateListSchema = z.object({ data: z.array(rateSchema) });

export const userSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.email(),
  role: z.enum(userRole.enumValues),
  createdAt: timestamp,
  locked: z.boolean(),
});

export const userEnvelopeSchema = z.object({ user: userSchema });
export const userListSchema = z.object({ data: z.array(userSchema), page: z.int(), size: z.int(), total: z.int() });
export const userUpdateSchema = userInputSchema.partial();
export const userIssuedSchema = z.object({ user: userSchema, password: z.string(), emailed: z.boolean() });

/** Every named shape, as it appears under components.schemas. */
export const namedSchemas = {
  Error: errorBodySchema,
  TokenRequest: tokenRequestSchema,
  TokenResponse: tokenResponseSchema,
  Money: moneySchema,
  Wallet: walletSchema,
  WalletList: walletListSchema,
  OpenWalletRequest: openWalletInputSchema,
  WalletLine: walletLineSchema,
  WalletLines: walletLinesSchema,
  Rate: rateSchema,
  RateList: rateListSchema,
  RateRequest: rateInputSchema,
  TransferRequest: transferInputSchema,
  TransferResult: transferResultSchema,
  BatchRequest: batchInputSchema,
  BatchResult: batchResultSchema,
  WithdrawalRequest: withdrawalInputSchema,
  Withdrawal: withdrawalSchema,
  DepositRequest: depositInputSchema,
  Deposit: depositResultSchema,
  User: userSchema,
  UserEnvelope: userEnvelopeSchema,
  UserList: userListSchema,
  UserRequest: userInputSchema,
  UserUpdate: userUpdateSchema,
  UserIssued: userIssuedSchema,
} satisfies Record<string, z.ZodType>;
export type SchemaId = keyof typeof namedSchemas;
