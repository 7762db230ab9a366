/** Headers every IMDS answer carries (imds.md §1.1 "Response headers seen on real VMs"). */

/**
 * A build seen on real VMs in 2024. It must stay ≤ 1324: msal-node treats IMDS builds above 1324
 * as MSI-v2 capable (imds.md §7 item 4), which this sandbox does not simulate.
 */
export const IMDS_SERVER = 'IMDS/150.870.65.1103';

export const imdsHeaders = (): Record<string, string> => ({ Server: IMDS_SERVER });
