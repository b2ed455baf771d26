// Receipts put aside while the customer fetches something; any cashier can recall them.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/till-api';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

interface Postponed {
  uuid: string;
  createdAt: string;
  label: string;
}

export function PostponedDialog({ onRecall, onClose }: { onRecall: (uuid: string) => void; onClose: () => void }) {
  const { t, date } = useI18n();
  const [list, setList] = useState<Postponed[] | null>(null);
  const [index, setIndex] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    api<{ postponed: Postponed[] }>('GET', '/postponed')
      .then((r) => {
        setList(r.postponed);
        window.setTimeout(() => listRef.current?.focus(), 0);
      })
      .catch(() => setList([]));
  }, []);
  const chosen = list?.[index];
  return (
    <Dialog title={t('postponed.title')} onClose={onClose} onSubmit={() => chosen && onRecall(chosen.uuid)}>
      {list && list.length === 0 && <p>{t('postponed.none')}</p>}
      <ul
        className="pick-list"
        tabIndex={0}
        ref={listRef}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, (list?.length ?? 1) - 1));
          if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
          if (e.key === 'Enter' && chosen) {
            e.preventDefault();
            onRecall(chosen.uuid);
          }
        }}
      >
        {list?.map((p, i) => (
          <li key={p.uuid} className={i === index ? 'selected' : ''} onClick={() => setIndex(i)} onDoubleClick={() => onRecall(p.uuid)}>
            {date(p.createdAt)} — {p.label}
          </li>
        ))}
      </ul>
      {chosen && <p className="hint">{t('postponed.recall')}: Enter</p>}
    </Dialog>
  );
}
