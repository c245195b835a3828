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

/** HMAC-SHA-256 of `message` keyed with the text `key`, base64 (the robots' signatures). */
export async function hmacBase64(key: string, message: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(key), encoder.encode(message));
  return base64(new Uint8Array(mac));
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

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A new bearer token: "ll_" + 32 random bytes, base64url. Shown once, stored as its SHA-256. */
export function newToken(): string {
  return `ll_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

function unbase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

/** The AES-GCM key that seals stored secrets (robots' webhooks), derived from a Worker secret with HKDF. */
export async function sealingKey(secret: string, purpose: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(`ledgerline:${purpose}`) },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * `plain` sealed with AES-GCM under `key`, bound to `context` (additional data: a row's id and
 * field, so a ciphertext moved to another row does not open): "a1:" + IV + ciphertext, base64.
 */
export async function seal(key: CryptoKey, plain: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(plain),
  );
  return `a1:${base64(iv)}:${base64(new Uint8Array(sealed))}`;
}

/** The text `seal` sealed, or null when it does not open (another key, another row, altered). */
export async function unseal(key: CryptoKey, sealed: string, context: string): Promise<string | null> {
  const [version, iv, data] = sealed.split(":");
  if (version !== "a1" || !iv || !data) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: unbase64(iv), additionalData: encoder.encode(context) },
      key,
      unbase64(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
