// Marked goods: the cashier scans the DataMatrix code on the pack; it travels with the receipt line.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function MarkingDialog({ name, onDone, onClose }: { name: string; onDone: (code: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  return (
    <Dialog title={t('marking.title', { name })} onClose={onClose} onSubmit={() => code.trim().length >= 8 && onDone(code.trim())}>
      <label>
        {t('marking.code')}
        <input autoFocus autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
    </Dialog>
  );
}
