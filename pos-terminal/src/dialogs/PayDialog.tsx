// Payment: cash (change shown), card, or both. Card pays exactly; cash is rounded by the shop's rule.
import { useState } from 'react';
import { parseMoneyInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { cashDue } from '../sale/cart';
import { Dialog } from './Dialog';

export interface PaymentChoice {
  method: 'cash' | 'card';
  amountMinor: number;
}

export function PayDialog({ totalMinor, rounding, busy, onPay, onClose }: { totalMinor: number; rounding: string; busy: boolean; onPay: (p: PaymentChoice[]) => void; onClose: () => void }) {
  const { t, money, currency } = useI18n();
  const [cardText, setCardText] = useState('');
  const card = parseMoneyInput(cardText) ?? 0;
  const due = cashDue(totalMinor, Math.min(card, totalMinor), currency, rounding);
  const [cashText, setCashText] = useState('');
  const cash = cashText.trim() === '' ? due : parseMoneyInput(cashText);
  const change = cash === null ? null : cash - due;
  const ok = cash !== null && change !== null && change >= 0 && card <= totalMinor;
  const pay = (p: PaymentChoice[]) => !busy && onPay(p);
  const submit = () => ok && pay([...(card > 0 ? [{ method: 'card' as const, amountMinor: card }] : []), ...(due > 0 ? [{ method: 'cash' as const, amountMinor: cash ?? 0 }] : [])]);
  return (
    <Dialog title={t('pay.title')} onClose={onClose} onSubmit={submit}>
      <div className="pay-grid" onKeyDown={(e) => {
        if (e.key === 'F5') { e.preventDefault(); pay([{ method: 'cash', amountMinor: cashDue(totalMinor, 0, currency, rounding) }]); }
        if (e.key === 'F6') { e.preventDefault(); pay([{ method: 'card', amountMinor: totalMinor }]); }
      }}>
        <span>{t('pay.due')}</span>
        <strong className="big">{money(totalMinor)}</strong>
        <label htmlFor="pay-card">{t('pay.card')}</label>
        <input id="pay-card" inputMode="decimal" value={cardText} onChange={(e) => setCardText(e.target.value)} placeholder={money(0)} />
        <span>{t('pay.cashDue')}</span>
        <strong>{money(due)}</strong>
        <label htmlFor="pay-cash">{t('pay.cash')}</label>
        <input id="pay-cash" autoFocus inputMode="decimal" value={cashText} onChange={(e) => setCashText(e.target.value)} placeholder={money(due)} />
        <span>{t('pay.change')}</span>
        <strong className={change !== null && change < 0 ? 'big negative' : 'big'} data-testid="change">
          {change === null ? '—' : money(Math.max(change, 0))}
        </strong>
      </div>
      <div className="dialog-buttons">
        <button type="button" disabled={busy} onClick={() => pay([{ method: 'cash', amountMinor: cashDue(totalMinor, 0, currency, rounding) }])}>
          {t('pay.allCash')} <kbd>F5</kbd>
        </button>
        <button type="button" disabled={busy} onClick={() => pay([{ method: 'card', amountMinor: totalMinor }])}>
          {t('pay.allCard')} <kbd>F6</kbd>
        </button>
      </div>
    </Dialog>
  );
}
