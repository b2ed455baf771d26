// A modal over the sale screen: Esc closes it, Enter in its form confirms, the first field has focus.
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';

export function Dialog({ title, onClose, onSubmit, children, wide }: { title: string; onClose: () => void; onSubmit?: () => void; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={title}>
      <form
        className={wide ? 'dialog wide' : 'dialog'}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.();
        }}
      >
        <h2>{title}</h2>
        {children}
        <div className="dialog-buttons">
          {onSubmit && (
            <button type="submit" className="primary">
              {t('common.ok')} <kbd>Enter</kbd>
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('common.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
