import { hash, verify } from "@node-rs/argon2";

// Argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id; runs off the main thread. */
export const hashPassword = (password: string): Promise<string> => hash(password, options);

// Verifying against a real hash for unknown emails keeps "no such user" and "wrong password" equally slow.
const dummyHash = hashPassword("heed-dummy-password-for-timing");

/** Checks a password; with no stored hash it still spends the same time and returns false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
