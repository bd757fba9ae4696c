/** Parts of a Chinese address as the relic notices write it: county, township, village. */
export interface AddressParts {
  county: string | null;
  township: string | null;
  village: string | null;
}

const COUNTY = /^(.{1,6}?(?:自治县|县|市|区))/;
const TOWNSHIP = /^(.{1,8}?(?:街道办事处|街道办|街道|镇|乡))(?![镇乡])/;
const VILLAGE = /^(.{1,8}?村)/;

/**
 * Splits "离石区交口街道贺家塔村" into county 离石区, township 交口街道, village 贺家塔村. Parts the address does not
 * give are null ("临县革命街实验小学西南隅" has no township). 街道办 is normalised to 街道.
 */
export function parseAddress(address: string | null): AddressParts {
  if (!address) return { county: null, township: null, village: null };
  let rest = address.trim();
  let county: string | null = null;
  const c = COUNTY.exec(rest);
  if (c && !/街道|镇|乡/.test(c[1]!)) {
    county = c[1]!;
    rest = rest.slice(county.length);
  }
  let township: string | null = null;
  const t = TOWNSHIP.exec(rest);
  if (t) {
    township = t[1]!.replace(/街道办事处$|街道办$/, '街道');
    rest = rest.slice(t[1]!.length);
  }
  const v = township ? VILLAGE.exec(rest) : null;
  return { county, township, village: v ? v[1]! : null };
}
