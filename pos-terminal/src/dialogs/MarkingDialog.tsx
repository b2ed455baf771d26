// Marked goods: the cashier scans the DataMatrix code on the pack; it travels with the receipt line. The code is
// checked before the line goes on (sale/marking.ts); a refused code keeps the dialog open with the reason, so the
// cashier can scan another pack or close it with Esc.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function MarkingDialog({ name, onCheck, onClose }: { name: string; onCheck: (code: string) => Promise<string | null>; onClose: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async () => {
    const c = code.trim();
    if (c.length < 8 || checking) return;
    setChecking(true);
    setRefusal(null);
    const reason = await onCheck(c);
    // Accepted: the sale screen has closed the dialog.
    if (reason === null) return;
    setRefusal(reason);
    setCode('');
    setChecking(false);
  };
  return (
    <Dialog title={t('marking.title', { name })} onClose={onClose} onSubmit={() => void submit()}>
      <label>
        {t('marking.code')}
        <input autoFocus autoComplete="off" value={code} readOnly={checking} onChange={(e) => setCode(e.target.value)} />
      </label>
      {checking && <p className="info">{t('marking.checking')}</p>}
      {refusal && (
        <p className="message" role="alert" data-testid="marking-refused">
          {refusal}
        </p>
      )}
    </Dialog>
  );
}
