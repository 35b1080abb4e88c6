import crypto from 'node:crypto';

// OpenMRS 2.x (Security.hashMatches): users.password is the lowercase hex SHA-512 of password + salt;
// rows written by 1.x hold SHA-1, some of them in a hex encoding that drops leading zeros.

const hex = (algorithm: string, text: string) => crypto.createHash(algorithm).update(text, 'utf8').digest('hex');

const legacyHex = (text: string) =>
  [...crypto.createHash('sha1').update(text, 'utf8').digest()].map((b) => b.toString(16)).join('');

export function hashPassword(password: string, salt: string): string {
  return hex('sha512', password + salt);
}

export function passwordMatches(stored: string, password: string, salt: string): boolean {
  const salted = password + salt;
  return stored === hex('sha512', salted) || stored === hex('sha1', salted) || stored === legacyHex(salted);
}

export function newSalt(): string {
  return hex('sha512', crypto.randomBytes(64).toString('hex'));
}
