/**
 * AWS-owned accounts that services deliver from (`data/aws-service-accounts.json`): a bucket
 * policy naming the Elastic Load Balancing account of a region admits that service, not a
 * stranger. Each entry is recognized only on the resource types its service delivers to.
 */
import * as path from 'node:path';
import { BUNDLED_DATA_DIR, readJsonFile } from '../iam/data-files';
import { asArray, asRecord, asString, asStringArray } from '../iam/data-shapes';
import { IamDataError } from '../iam';

export interface AwsServiceAccount {
  id: string;
  /** The service as a reader knows it: `Elastic Load Balancing (access log delivery)`. */
  service: string;
  /** The region the account delivers for, when the data gives one. */
  region?: string;
  resourceTypes: readonly string[];
}

interface Catalog {
  /** By account id or account name (`cloudfront`). */
  byAccount: ReadonlyMap<string, AwsServiceAccount>;
}

const FILE = path.join(BUNDLED_DATA_DIR, 'aws-service-accounts.json');
let catalog: Catalog | undefined;

function load(): Catalog {
  const raw = asRecord(readJsonFile(FILE), FILE, 'service account catalogue');
  const sourceIds = new Set(
    asArray(raw.sources, FILE, 'sources').map((item, i) => asString(asRecord(item, FILE, `sources[${i}]`).id, FILE, `sources[${i}].id`)),
  );
  const byAccount = new Map<string, AwsServiceAccount>();
  const add = (account: string, entry: AwsServiceAccount, what: string): void => {
    if (byAccount.has(account)) throw new IamDataError(`${what}: account ${account} is listed twice`, FILE);
    byAccount.set(account, entry);
  };
  const header = (item: unknown, what: string) => {
    const record = asRecord(item, FILE, what);
    const cited = asStringArray(record.sources, FILE, `${what}.sources`);
    if (cited.length === 0 || cited.some((id) => !sourceIds.has(id))) throw new IamDataError(`${what} must cite the catalogue's sources`, FILE);
    return {
      record,
      id: asString(record.id, FILE, `${what}.id`),
      service: asString(record.service, FILE, `${what}.service`),
      resourceTypes: asStringArray(record.resourceTypes, FILE, `${what}.resourceTypes`),
    };
  };
  asArray(raw.accounts, FILE, 'accounts').forEach((item, i) => {
    const { record, ...entry } = header(item, `accounts[${i}]`);
    for (const [region, account] of Object.entries(asRecord(record.byRegion, FILE, `accounts[${i}].byRegion`))) {
      const id = asString(account, FILE, `accounts[${i}].byRegion.${region}`);
      if (!/^\d{12}$/.test(id)) throw new IamDataError(`accounts[${i}].byRegion.${region} is not a 12-digit account id`, FILE);
      add(id, { ...entry, region }, `accounts[${i}]`);
    }
  });
  asArray(raw.accountNames, FILE, 'accountNames').forEach((item, i) => {
    const { record, ...entry } = header(item, `accountNames[${i}]`);
    add(asString(record.account, FILE, `accountNames[${i}].account`), entry, `accountNames[${i}]`);
  });
  return { byAccount };
}

/**
 * The AWS service an account id (or account name such as `cloudfront`) belongs to, when the
 * policy protects a resource type that service delivers to.
 */
export function awsServiceAccount(account: string, protectedType: string | undefined): AwsServiceAccount | undefined {
  catalog ??= load();
  const entry = catalog.byAccount.get(account);
  return entry && protectedType !== undefined && entry.resourceTypes.includes(protectedType) ? entry : undefined;
}
