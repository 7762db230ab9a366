/** An RSA-2048 private key made for this build (build/signing-key-plugin.ts). */
declare module 'virtual:signing-key' {
  const jwk: JsonWebKey;
  export default jwk;
}
