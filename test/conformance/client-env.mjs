// The only thing a conformance client gets from the emulator: environment variables, as
// docs/EMULATOR.md's recipes print them. Nothing else of the parent's environment leaks in (no
// AZURE_* or IDENTITY_ENDPOINT that would pick another credential).
/** @param {{ proxy: string, ca: { certPath: string, bundlePath: string } }} emu */
export function clientEnv(emu, inputs = {}, extra = {}) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    HTTPS_PROXY: emu.proxy,
    HTTP_PROXY: emu.proxy,
    NO_PROXY: 'localhost,127.0.0.1',
    https_proxy: emu.proxy,
    http_proxy: emu.proxy,
    no_proxy: 'localhost,127.0.0.1',
    NODE_EXTRA_CA_CERTS: emu.ca.certPath,
    REQUESTS_CA_BUNDLE: emu.ca.bundlePath,
    SSL_CERT_FILE: emu.ca.bundlePath,
    CURL_CA_BUNDLE: emu.ca.bundlePath,
    ...inputs,
    ...extra,
  };
}
