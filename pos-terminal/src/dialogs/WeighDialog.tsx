// The weighing panel for goods sold by weight without a weight barcode: live gross weight from the scale, its stable
// flag, a tare (presets on keys 1–3, 0 for none, T takes what lies on the scale now), and net = gross − tare.
// Enter takes only a steady net above zero; without a scale the cashier types the net weight instead.
import { useEffect, useRef, useState } from 'react';
import { parseQuantityInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { useScale } from '../sale/use-scale';
import { kgToGrams, gramsToKg, TARE_PRESETS, weighing } from '../sale/weighing';
import { Dialog } from './Dialog';

export function WeighDialog({ name, priceMinor, onDone, onClose }: { name: string; priceMinor: number; onDone: (netKg: string) => void; onClose: () => void }) {
  const { t, qty, money, error } = useI18n();
  const reading = useScale(true);
  const [tareGrams, setTareGrams] = useState(0);
  const [typed, setTyped] = useState('');
  const [msg, setMsg] = useState('');
  const state = weighing(reading, tareGrams);
  const noScale = reading !== null && reading.weight === null;
  const grossGrams = reading?.weight ? kgToGrams(reading.weight) : null;

  const tareFromScale = () => {
    if (grossGrams !== null && grossGrams > 0 && reading?.stable) setTareGrams(grossGrams);
    else setMsg(t('weigh.needStable'));
  };
  const submit = () => {
    if (noScale) {
      const q = parseQuantityInput(typed);
      return q && q !== '0.000' ? onDone(q) : setMsg(error('quantity.invalid'));
    }
    if (state.ok) return onDone(state.net);
    setMsg(t(state.reason === 'notPositive' ? 'weigh.needPositive' : 'weigh.needStable'));
  };

  const keys = useRef({ tareFromScale, setTareGrams, submit });
  keys.current = { tareFromScale, setTareGrams, submit };
  useEffect(() => {
    // The code field behind the panel keeps no focus: Enter and the tare keys belong to the panel.
    if (document.activeElement instanceof HTMLElement && !document.activeElement.closest('form.dialog')) document.activeElement.blur();
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof Element && e.target.closest('form.dialog')) {
        if (e.target instanceof HTMLInputElement || e.key === 'Enter') return;
      }
      if (e.ctrlKey || e.altKey) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        return keys.current.submit();
      }
      const preset = ['1', '2', '3'].indexOf(e.key);
      if (preset >= 0) keys.current.setTareGrams(kgToGrams(TARE_PRESETS[preset]!)!);
      else if (e.key === '0') keys.current.setTareGrams(0);
      else if (e.key.toLowerCase() === 't') keys.current.tareFromScale();
      else return;
      e.preventDefault();
      setMsg('');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A click on a tare button leaves the focus where it was, so the next Enter still takes the weight.
  const keepFocus = (e: React.MouseEvent) => e.preventDefault();
  const kg = (grams: number) => `${qty(gramsToKg(grams), true)} kg`;
  return (
    <Dialog title={t('weigh.title', { name })} onClose={onClose} onSubmit={submit}>
      {noScale ? (
        <label>
          {t('weigh.noScale')}
          <input autoFocus inputMode="decimal" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="weigh-typed" />
        </label>
      ) : (
        <div className="weigh" data-testid="weigh">
          <div className="row">
            <span>{t('weigh.gross')}</span>
            <strong className="num" data-testid="weigh-gross">{grossGrams === null ? '…' : kg(grossGrams)}</strong>
          </div>
          <div className="row">
            <span>{t('weigh.tare')}</span>
            <span className="num" data-testid="weigh-tare">{kg(tareGrams)}</span>
          </div>
          <div className="row total">
            <span>{t('weigh.net')}</span>
            <strong className="num" data-testid="weigh-net">{state.netGrams === null ? '…' : kg(state.netGrams)}</strong>
          </div>
          <p className={reading?.stable ? 'info' : 'message'} data-testid="weigh-stable" data-stable={reading?.stable ? 'yes' : 'no'}>
            {reading?.stable ? t('weigh.stable') : t('weigh.unstable')}
          </p>
          <div className="tares" role="group" aria-label={t('weigh.tare')}>
            <button type="button" aria-pressed={tareGrams === 0} onMouseDown={keepFocus} onClick={() => setTareGrams(0)}>
              <kbd>0</kbd> {t('weigh.noTare')}
            </button>
            {TARE_PRESETS.map((p, i) => (
              <button type="button" key={p} aria-pressed={tareGrams === kgToGrams(p)} onMouseDown={keepFocus} onClick={() => setTareGrams(kgToGrams(p)!)}>
                <kbd>{i + 1}</kbd> {qty(p, true)} kg
              </button>
            ))}
            <button type="button" onMouseDown={keepFocus} onClick={tareFromScale}>
              <kbd>T</kbd> {t('weigh.tareFromScale')}
            </button>
          </div>
          <p className="muted">{t('weigh.price', { price: money(priceMinor) })}</p>
        </div>
      )}
      <p className="message">{msg}</p>
    </Dialog>
  );
}
