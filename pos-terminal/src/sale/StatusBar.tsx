// The top line of every working screen: till, cashier, shift, the online marker and receipts waiting to be sent.
import type { ReactNode } from 'react';
import type { TillStatus } from '../api/till-api';
import { useI18n } from '../i18n/i18n-context';

export function StatusBar({ status, languagePicker, onLock }: { status: TillStatus; languagePicker: ReactNode; onLock: () => void }) {
  const { t } = useI18n();
  return (
    <header className="status-bar">
      <strong>{t('status.till', { code: status.tillCode })}</strong>
      {status.cashier && <span>{t('status.cashier', { name: status.cashier.name })}</span>}
      {status.shift && <span>{t('status.shift', { n: status.shift.number })}</span>}
      <span className={status.online ? 'marker online' : 'marker offline'} data-testid="online-marker">
        ● {status.online ? t('status.online') : t('status.offline')}
      </span>
      {status.pending > 0 && <span className="pending">{t('status.pending', { n: status.pending })}</span>}
      <span className="spacer" />
      {languagePicker}
      <button type="button" onClick={onLock}>
        {t('key.lock')} <kbd>Ctrl+L</kbd>
      </button>
    </header>
  );
}
