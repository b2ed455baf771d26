// A price typed for one line (a torn label, a price the shelf shows): with till.price, or approved for this receipt by
// a senior cashier's PIN, which goes to the bridge once and is not kept here.
import { useState } from 'react';
import { api, TillApiError } from '../api/till-api';
import { parseMoneyInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function PriceDialog({ name, currentMinor, receiptUuid, needsApproval, onDone, onClose }: {
  name: string;
  currentMinor: number;
  receiptUuid: string;
  needsApproval: boolean;
  onDone: (priceMinor: number) => void;
  onClose: () => void;
}) {
  const { t, error, money } = useI18n();
  const [text, setText] = useState('');
  const [pin, setPin] = useState('');
  const [msg, setMsg] = useState('');
  const submit = async () => {
    const priceMinor = parseMoneyInput(text);
    if (priceMinor === null) return setMsg(error('price.invalid'));
    try {
      if (needsApproval && priceMinor !== currentMinor) await api('POST', '/approve', { uuid: receiptUuid, right: 'till.price', pin });
      onDone(priceMinor);
    } catch (e) {
      setPin('');
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown', e instanceof TillApiError ? e.params : {}));
    }
  };
  return (
    <Dialog title={t('price.title', { name })} onClose={onClose} onSubmit={() => void submit()}>
      <p>
        {t('col.price')}: {money(currentMinor)}
      </p>
      <label>
        {t('price.new')}
        <input id="price-new" autoFocus inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} placeholder={money(currentMinor)} />
      </label>
      {needsApproval && (
        <label>
          {t('approve.title')} — {t('approve.pin')}
          <input id="price-approver-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </label>
      )}
      <p className="message">{msg}</p>
    </Dialog>
  );
}
