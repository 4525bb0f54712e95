/**
 * Password hashing with scrypt (memory-hard, in Node's crypto: no native add-on to build).
 * Format: scrypt$N$r$p$salt$hash (base64url), so the cost can rise without breaking old hashes.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { env } from "./env.server";

const KEY_LENGTH = 64;
// N = 2^15, r = 8: 32 MiB and ~100 ms per hash. Tests lower it through PASSWORD_HASH_COST.
const defaultCost = () => env().PASSWORD_HASH_COST;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize("NFC"), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const N = 2 ** defaultCost();
  const r = 8;
  const p = 1;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r, p, maxmem: 256 * N * r });
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  // A dummy hash at today's cost keeps the timing the same whether the account exists or not.
  const parts = (stored ?? dummyHash()).split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, salt = "", hash = ""] = parts;
  const N = Number(n);
  const R = Number(r);
  const key = await scrypt(password, Buffer.from(salt, "base64url"), { N, r: R, p: Number(p), maxmem: 256 * N * R });
  const expected = Buffer.from(hash, "base64url");
  return stored != null && expected.length === key.length && timingSafeEqual(expected, key);
}

/** What an unknown account is checked against: the cost of a hash made today (PASSWORD_HASH_COST), as a real account's. */
const dummyHash = () => `scrypt$${2 ** defaultCost()}$8$1$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(86)}`;
