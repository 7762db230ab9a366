/** IMDS api-versions (imds.md §2): the 2023 docs' list plus 2023-07-01 from the REST spec. */

export const IMDS_API_VERSIONS = [
  '2017-03-01', '2017-04-02', '2017-08-01', '2017-10-01', '2017-12-01', '2018-02-01', '2018-04-02', '2018-10-01',
  '2019-02-01', '2019-03-11', '2019-04-30', '2019-06-01', '2019-06-04', '2019-08-01', '2019-08-15', '2019-11-01',
  '2020-06-01', '2020-07-15', '2020-09-01', '2020-10-01', '2020-12-01', '2021-01-01', '2021-02-01', '2021-03-01',
  '2021-05-01', '2021-08-01', '2021-10-01', '2021-11-01', '2021-11-15', '2021-12-13', '2023-07-01',
] as const;

/** The three newest, as IMDS lists them in `newest-versions`. */
export const NEWEST_VERSIONS: readonly string[] = IMDS_API_VERSIONS.slice(-3).reverse();

/** The identity category arrived in 2018-02-01; older versions do not know it. */
export const IDENTITY_SINCE = '2018-02-01';
/** `/metadata/instance` arrived in 2017-04-02. */
export const INSTANCE_SINCE = '2017-04-02';

export type ApiVersionCheck = { ok: true; version: string } | { ok: false; missing: boolean };

export function checkImdsApiVersion(value: string | null, since: string): ApiVersionCheck {
  if (value === null || value === '') return { ok: false, missing: true };
  if (!(IMDS_API_VERSIONS as readonly string[]).includes(value) || value < since) return { ok: false, missing: false };
  return { ok: true, version: value };
}
