// A discount on one line or on the whole receipt, in percent or as an amount, within the cashier's limit.
import { useState } from 'react';
import { parseMoneyInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function DiscountDialog({ title, limitPercent, baseMinor, allowPercent, onDone, onClose }: {
  title: string;
  limitPercent: number;
  /** The amount the discount applies to, to check the limit before the bridge does. */
  baseMinor: number;
  allowPercent: boolean;
  onDone: (d: { percent?: string; minor?: number }) => void;
  onClose: () => void;
}) {
  const { t, error } = useI18n();
  const [mode, setMode] = useState<'percent' | 'amount'>(allowPercent ? 'percent' : 'amount');
  const [text, setText] = useState('');
  const [msg, setMsg] = useState('');
  const submit = () => {
    if (text.trim() === '' || text.trim() === '0') return onDone({});
    if (mode === 'percent') {
      const m = /^(\d{1,3})([.,]\d{1,2})?$/.exec(text.trim());
      const pct = m ? Number(m[1]) + Number((m[2] ?? '.0').slice(1).padEnd(2, '0')) / 100 : NaN;
      if (!m || pct > 100) return setMsg(error('quantity.invalid'));
      if (pct > limitPercent) return setMsg(error('discount.over_limit', { limit: limitPercent }));
      return onDone({ percent: text.trim().replace(',', '.') });
    }
    const minor = parseMoneyInput(text);
    if (minor === null) return setMsg(error('cash.amount_invalid'));
    if (minor * 100 > limitPercent * baseMinor) return setMsg(error('discount.over_limit', { limit: limitPercent }));
    onDone({ minor });
  };
  return (
    <Dialog title={title} onClose={onClose} onSubmit={submit}>
      {allowPercent && (
        <div className="segmented">
          <button type="button" className={mode === 'percent' ? 'on' : ''} onClick={() => setMode('percent')}>
            {t('discount.percent')} %
          </button>
          <button type="button" className={mode === 'amount' ? 'on' : ''} onClick={() => setMode('amount')}>
            {t('discount.amount')}
          </button>
        </div>
      )}
      <label>
        {mode === 'percent' ? t('discount.percent') : t('discount.amount')}
        <input autoFocus inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <p className="hint">{t('discount.limit', { n: limitPercent })}</p>
      <p className="message">{msg}</p>
    </Dialog>
  );
}
