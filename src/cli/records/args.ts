/** Parsed arguments of `npm run records`. */
export interface RecordsArgs {
  input: string;
  out: string;
  county: string | null;
  at: { lon: number; lat: number } | null;
  precisionM: number;
}

/** Default radius (m) of a site placed with --at: a point somewhere in its county. */
export const DEFAULT_AT_PRECISION_M = 25_000;

/** Usage line, zh-CN then en. */
export const USAGE =
  '用法 / usage: npm run records -- <公告.txt|.html> [--county 县名] [--at 经度,纬度] [--precision 米] --out <目录>';

/** Parses argv (without node and the script); a message in zh-CN and en when the arguments are wrong. */
export function parseArgs(argv: readonly string[]): { ok: true; args: RecordsArgs } | { ok: false; message: string } {
  let input: string | null = null;
  let out: string | null = null;
  let county: string | null = null;
  let at: RecordsArgs['at'] = null;
  let precisionM = DEFAULT_AT_PRECISION_M;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | null => {
      const v = argv[i + 1];
      i++;
      return v === undefined || v.startsWith('--') ? null : v;
    };
    if (a === '--out') out = value();
    else if (a === '--county') county = value();
    else if (a === '--at') {
      const v = value();
      const m = v === null ? null : /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(v);
      const lon = Number(m?.[1]);
      const lat = Number(m?.[2]);
      if (!m || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        return { ok: false, message: `--at 需要“经度,纬度”（WGS84），收到 ${v ?? '（空）'} / --at needs "lon,lat" in WGS84, got ${v ?? '(nothing)'}` };
      }
      if (lon >= 3 && lon <= 54 && lat >= 73 && lat <= 136) {
        return { ok: false, message: `--at ${v}：看起来经纬度顺序颠倒，应为“经度,纬度” / --at ${v} looks like lat,lon; give lon,lat` };
      }
      at = { lon, lat };
    } else if (a === '--precision') {
      const v = Number(value());
      if (!(v > 0) || !Number.isFinite(v)) return { ok: false, message: '--precision 需要正数（米） / --precision needs a positive number of metres' };
      precisionM = v;
    } else if (a.startsWith('--')) return { ok: false, message: `未知选项 ${a} / unknown option ${a}\n${USAGE}` };
    else if (input === null) input = a;
    else return { ok: false, message: `多余的参数 ${a} / extra argument ${a}\n${USAGE}` };
  }
  if (input === null) return { ok: false, message: `缺少公告文件 / no notice file given\n${USAGE}` };
  if (out === null) return { ok: false, message: `缺少 --out 目录 / --out <dir> is required\n${USAGE}` };
  if (county !== null && county.trim().length === 0) return { ok: false, message: '--county 不能为空 / --county must not be empty' };
  return { ok: true, args: { input, out, county, at, precisionM } };
}
