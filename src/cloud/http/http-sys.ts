/**
 * The pages HTTP.sys (Windows' kernel HTTP stack, `Server: Microsoft-HTTPAPI/2.0`) answers before a
 * request reaches the service behind it: a URL it cannot decode, a Host it does not serve. Storage
 * sends exactly this page for an undecodable URL (azure-cli#24623 shows the body, beginning
 * `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""htt…`); Key Vault and ARM also run behind
 * HTTP.sys, so the same page stands for them (plausible, not captured for those two).
 */
import { textReply } from './respond';

const PAGES = {
  url: { title: 'Bad Request - Invalid URL', text: 'HTTP Error 400. The request URL is invalid.' },
  hostname: { title: 'Bad Request - Invalid Hostname', text: 'HTTP Error 400. The request hostname is invalid.' },
  request: { title: 'Bad Request', text: 'HTTP Error 400. The request is badly formed.' },
} as const;

export type HttpSysPage = keyof typeof PAGES;

export function httpSysPage(page: HttpSysPage): string {
  const p = PAGES[page];
  return (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
    '<HTML><HEAD><TITLE>Bad Request</TITLE>\r\n' +
    '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
    `<BODY><h2>${p.title}</h2>\r\n` +
    `<hr><p>${p.text}</p>\r\n` +
    '</BODY></HTML>\r\n'
  );
}

export function httpSysBadRequest(page: HttpSysPage, at: number): Response {
  return textReply(httpSysPage(page), 'text/html; charset=us-ascii', {
    status: 400,
    statusText: 'Bad Request',
    at,
    headers: { Server: 'Microsoft-HTTPAPI/2.0', Connection: 'close' },
  });
}
