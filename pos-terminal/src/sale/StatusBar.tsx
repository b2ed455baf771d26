// The top line of every working screen: till, cashier, shift, the online marker and receipts waiting to be sent;
// below it, any device command that failed (the sale is safe in the journal), with a button to run it again.
import type { ReactNode } from 'react';
import { api, type TillStatus } from '../api/till-api';
import { useI18n } from '../i18n/i18n-context';

export function StatusBar({
  status,
  languagePicker,
  onLock,
  onChanged,
}: {
  status: TillStatus;
  languagePicker: ReactNode;
  onLock: () => void;
  onChanged?: () => Promise<void>;
}) {
  const { t } = useI18n();
  const problems = status.deviceProblems ?? [];
  const retry = async (key: string) => {
    await api('POST', '/devices/retry', { key }).catch(() => undefined);
    await onChanged?.();
  };
  return (
    <>
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
      {problems.length > 0 && (
        <ul className="device-problems" role="alert" data-testid="device-problems">
          {problems.slice(0, 3).map((p) => (
            <li key={p.key}>
              ⚠ {p.message}
              <button type="button" onClick={() => void retry(p.key)}>
                {t('device.retry')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
