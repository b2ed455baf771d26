// Quantity of a line; for weighed goods the weight in kg with up to 3 decimals.
import { useState } from 'react';
import { parseQuantityInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function QuantityDialog({ name, weighted, initial, onDone, onClose }: { name: string; weighted: boolean; initial: string; onDone: (q: string) => void; onClose: () => void }) {
  const { t, error } = useI18n();
  const [text, setText] = useState(initial);
  const [msg, setMsg] = useState('');
  const submit = () => {
    const q = parseQuantityInput(text);
    if (!q || (!weighted && !q.endsWith('.000'))) return setMsg(error(q ? 'quantity.whole_units' : 'quantity.invalid'));
    onDone(q);
  };
  return (
    <Dialog title={t('qty.title', { name })} onClose={onClose} onSubmit={submit}>
      <label>
        {weighted ? t('qty.weight') : t('col.qty')}
        <input autoFocus inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} onFocus={(e) => e.target.select()} />
      </label>
      <p className="message">{msg}</p>
    </Dialog>
  );
}
