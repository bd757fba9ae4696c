import type { Lang } from '../../map/map-api';
import type { Notice } from '../../app/import/notices';
import { t } from '../../i18n/localize';
import { COMPLIANCE_RULE_REASONS } from '../../core/compliance/compliance-rules';

/** Text of a core value that carries both languages. */
export function inLang(text: { readonly zh: string; readonly en: string }, lang: Lang): string {
  return lang === 'en' ? text.en : text.zh;
}

/** The words of a notice of the import area in `lang`. */
export function noticeText(n: Notice, lang: Lang): string {
  const v = n.vars;
  const s = (k: string): string => String(v[k] ?? '');
  switch (n.code) {
    case 'import-failed':
      return `${t('import.importFailed', lang)}${n.detail ? inLang(n.detail, lang) : n.reason}`;
    case 'cancelled':
      return t('import.cancelled', lang);
    case 'worker-failed':
      return t('import.workerFailed', lang, { message: s('message') });
    case 'accept-refused':
      return `${t('import.acceptRefused', lang)}${t('import.errorsRemain', lang, { n: s('n') })}`;
    case 'store-failed':
      return t('import.storeFailedMsg', lang, { message: s('message') });
    case 'store-unavailable':
      return t('import.storeUnavailableMsg', lang, { message: s('message') });
    case 'saved':
      return t('import.saved', lang, v);
    case 'exported':
      return t('import.exported', lang, v);
    case 'export-failed':
      return n.reason === 'import-stored-not-collection' ? t('import.exportStoredUnreadable', lang) : t('import.exportFailedMsg', lang, { message: s('message') });
    case 'superseded':
      return t('import.superseded', lang, v);
    case 'superseded-area-differs':
      return t('import.supersededAreaDiffers', lang, v);
    case 'backup-exported':
      return t('import.backupExported', lang, v);
    case 'backup-export-failed':
      return t('import.backupLayerUnreadable', lang, { name: s('name') });
    case 'backup-refused':
      return `${t('import.backupRefused', lang)}${t(v['kind'] === 'backup-not-json' ? 'import.backupNotJson' : 'import.backupInvalid', lang, { detail: s('detail') })}`;
    case 'backup-restored':
      return t('import.backupRestored', lang, v);
    case 'compliance-failed':
      if (n.reason === COMPLIANCE_RULE_REASONS.noRuleForCategory) return t('import.complianceNoRule', lang, { category: s('message') });
      if (n.reason === 'layer-not-loaded') return t('import.complianceNotLoaded', lang, { name: s('message') });
      if (n.reason.startsWith('rules-')) return t('import.complianceRulesFailed', lang, { message: s('message') });
      return t('import.complianceFailed', lang, { message: s('message') });
  }
}
