// Why a line or a receipt is cancelled: the reason goes to the till's audit trail.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function ReasonDialog({ title, onDone, onClose }: { title: string; onDone: (reason: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const presets = [t('reason.mistake'), t('reason.customer'), t('reason.price')];
  const [text, setText] = useState(presets[0]!);
  return (
    <Dialog title={title} onClose={onClose} onSubmit={() => text.trim() && onDone(text.trim())}>
      <div className="segmented">
        {presets.map((p, i) => (
          <button type="button" key={p} className={text === p ? 'on' : ''} onClick={() => setText(p)}>
            {i + 1}. {p}
          </button>
        ))}
      </div>
      <label>
        {t('reason.title')}
        <input autoFocus value={text} onChange={(e) => setText(e.target.value)} onFocus={(e) => e.target.select()} />
      </label>
    </Dialog>
  );
}
