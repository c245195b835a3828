/** Web Crypto helpers: token hashes, the ID-number HMAC, random ids. */
const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
}

export async function hmacHex(key: CryptoKey, text: string): Promise<string> {
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(text)));
}

/** Names a key without revealing it: which key an HMAC was made with, to see when it changes. */
export async function keyFingerprint(key: CryptoKey): Promise<string> {
  return (await hmacHex(key, "ledgerline:key-fingerprint")).slice(0, 16);
}

/** The stored form of a body hash: keyed, so a sheet's masked copy cannot be brute-forced against it. */
export async function keyedHash(key: CryptoKey, sha256: string): Promise<string> {
  return `h1:${await hmacHex(key, sha256)}`;
}

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A new bearer token: "ll_" + 32 random bytes, base64url. Shown once, stored as its SHA-256. */
export function newToken(): string {
  return `ll_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function newId(): string {
  return crypto.randomUUID();
}
