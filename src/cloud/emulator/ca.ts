/**
 * The emulator's local certificate authority (Node only). Created once per user and kept in
 * `$MI_SANDBOX_CA_DIR` or `${XDG_CONFIG_HOME:-~/.config}/mi-sandbox/emulator-ca` (key 0600), it issues
 * short-lived leaf certificates, on demand, for exactly the host names the emulator answers
 * (management.azure.com, <vault>.vault.azure.net, <account>.blob.core.windows.net, loopback).
 *
 * A CA that runtimes are told to trust could vouch for any site if its key leaked, so it carries
 * critical Name Constraints: it can only ever certify Azure's service domains and loopback, and
 * OpenSSL (Node, Python) refuses anything else it signs. ASN.1 is @peculiar/x509's, keys WebCrypto's.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { createPrivateKey, webcrypto, X509Certificate as NodeX509, KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const CA_NAME = 'CN=mi-sandbox emulator local CA, O=Managed Identity Sandbox (local only)';
const DAY = 86_400_000;

/** DNS subtrees the CA may certify: Azure's service domains the emulator answers, and localhost. */
export const PERMITTED_DNS = ['management.azure.com', 'vault.azure.net', 'blob.core.windows.net', 'login.microsoftonline.com', 'localhost'];
const PERMITTED_IP = ['127.0.0.0/8', '::1/128'];

export interface LocalCa {
  dir: string;
  /** The CA certificate alone (NODE_EXTRA_CA_CERTS adds it to Node's roots). */
  certPath: string;
  /** Node's bundled roots plus the CA, for variables that replace the whole trust store (REQUESTS_CA_BUNDLE, SSL_CERT_FILE). */
  bundlePath: string;
  certPem: string;
  /** True when this call made a new CA (first run, or the old one expired or was unreadable). */
  created: boolean;
  /** A key and certificate chain for one host name or loopback address. */
  leaf(host: string): Promise<{ key: string; cert: string }>;
}

export function defaultCaDir(): string {
  if (process.env.MI_SANDBOX_CA_DIR) return process.env.MI_SANDBOX_CA_DIR;
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'mi-sandbox', 'emulator-ca');
}

const pemKey = (key: CryptoKey) => KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;

async function importPemKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign']) as Promise<CryptoKey>;
}

const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)).map((b, i) => (i === 0 ? b & 0x7f : b))).toString('hex');

function nameConstraints(): x509.Extension {
  const subtrees = [
    ...PERMITTED_DNS.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
    ...PERMITTED_IP.map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
  ];
  const value = AsnConvert.serialize(new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) }));
  return new x509.Extension(id_ce_nameConstraints, true, value);
}

async function createCa(): Promise<{ cert: x509.X509Certificate; key: CryptoKey; keyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: CA_NAME,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey, keyPem: pemKey(keys.privateKey) };
}

function readExisting(dir: string): { certPem: string; keyPem: string } | null {
  try {
    const certPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const keyPem = readFileSync(join(dir, 'ca-key.pem'), 'utf8');
    const parsed = new NodeX509(certPem);
    // Renew well before expiry.
    const fresh = Date.parse(parsed.validTo) - Date.now() > 30 * DAY && parsed.subject.includes('mi-sandbox emulator local CA') && parsed.ca;
    return fresh && parsed.checkPrivateKey(createPrivateKey(keyPem)) ? { certPem, keyPem } : null;
  } catch {
    return null;
  }
}

export async function loadOrCreateCa(dir: string = defaultCaDir()): Promise<LocalCa> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let created = false;
  let existing = readExisting(dir);
  if (!existing) {
    const made = await createCa();
    existing = { certPem: made.cert.toString('pem') + '\n', keyPem: made.keyPem };
    writeFileSync(join(dir, 'ca-key.pem'), existing.keyPem, { mode: 0o600 });
    chmodSync(join(dir, 'ca-key.pem'), 0o600);
    writeFileSync(join(dir, 'ca.pem'), existing.certPem);
    created = true;
  }
  const certPath = join(dir, 'ca.pem');
  const bundlePath = join(dir, 'ca-bundle.pem');
  const bundle = `${rootCertificates.join('\n')}\n${existing.certPem}`;
  if (!existsSync(bundlePath) || readFileSync(bundlePath, 'utf8') !== bundle) writeFileSync(bundlePath, bundle);

  const caCert = new x509.X509Certificate(existing.certPem);
  const caKey = await importPemKey(existing.keyPem);
  // One key for every leaf of this process; each host gets its own short-lived certificate.
  const leafKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const leafKeyPem = pemKey(leafKeys.privateKey);
  const leaves = new Map<string, Promise<{ key: string; cert: string }>>();

  async function issue(host: string): Promise<{ key: string; cert: string }> {
    const isIp = /^[0-9.]+$/.test(host) || host.includes(':');
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      // OpenSSL checks a dotted CN against the DNS constraints, so an address leaf names it only in its SAN.
      subject: isIp ? 'O=Managed Identity Sandbox emulator' : `CN=${host}`,
      issuer: caCert.subject,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 30 * DAY),
      signingAlgorithm: ALG,
      publicKey: leafKeys.publicKey,
      signingKey: caKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: isIp ? 'ip' : 'dns', value: host }]),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ],
    });
    return { key: leafKeyPem, cert: `${cert.toString('pem')}\n${existing!.certPem}` };
  }

  return {
    dir,
    certPath,
    bundlePath,
    certPem: existing.certPem,
    created,
    leaf(host: string) {
      const key = host.toLowerCase();
      let hit = leaves.get(key);
      if (!hit) {
        hit = issue(key);
        leaves.set(key, hit);
      }
      return hit;
    },
  };
}
