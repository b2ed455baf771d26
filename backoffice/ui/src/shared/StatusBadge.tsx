// A document status as a coloured badge.
import type { DocumentStatus } from '../api/types';
import { useI18n } from '../i18n/I18n';

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {t(`docStatus.${status}`)}
    </span>
  );
}
