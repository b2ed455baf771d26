// The warehouse handheld at /terminal: sign in, pick a task, then scan → quantity → next. Every entry goes
// through the outbox (localStorage + Idempotency-Key), so the queued counter is the only thing a drop shows.
import { useEffect, useState } from 'react';
import { useSession } from '../session/Session';
import { LanguageSwitcher, useI18n } from '../i18n/I18n';
import { LoginForm } from '../shared/LoginForm';
import { outbox, setOutboxLanguage, useOutbox } from './outbox';
import { loadTask, saveTask, type Task, type TaskKind } from './task';
import { ReceivePick, StocktakeStart, TransferStart } from './TaskStart';
import { ScanScreen } from './ScanScreen';
import { ProductionTerminal } from './production/ProductionTerminal';
import { navigate, usePath } from '../routing/router';
import { PickingTask, usePicking } from './picking/PickingTask';

function StatusBar() {
  const { t } = useI18n();
  const { queued, online, rejected } = useOutbox();
  return (
    <div className={`status-bar ${online ? 'online' : 'offline'}`} role="status">
      <span className="net">{online ? t('terminal.online') : t('terminal.offline')}</span>
      <span className="queued" data-queued={queued}>
        {queued === 0 ? t('terminal.allSent') : t('terminal.queued', { count: queued })}
      </span>
      {rejected > 0 ? (
        <button type="button" className="rejected" onClick={() => outbox().clearRejected()} title={outbox().rejected().map((r) => r.message).join('\n')}>
          ⚠ {rejected}
        </button>
      ) : null}
    </div>
  );
}

export function Terminal() {
  const { user, checking, logout } = useSession();
  const { t, lang } = useI18n();
  const [task, setTaskState] = useState<Task | null>(loadTask);
  const [starting, setStarting] = useState<TaskKind | null>(null);
  const { path } = usePath();
  const picking = usePicking();
  useEffect(() => setOutboxLanguage(lang), [lang]);

  const setTask = (next: Task | null) => {
    saveTask(next);
    setTaskState(next);
    setStarting(null);
  };

  if (checking) return <p className="loading">{t('common.loading')}</p>;
  if (!user) return <LoginForm title={t('app.terminal')} />;

  let body;
  if (path.startsWith('/terminal/production')) body = <ProductionTerminal />;
  else if (task) body = <ScanScreen task={task} onChange={setTask} onFinish={() => setTask(null)} />;
  else if (starting === 'receive') body = <ReceivePick onStart={setTask} onBack={() => setStarting(null)} />;
  else if (starting === 'stocktake') body = <StocktakeStart onStart={setTask} onBack={() => setStarting(null)} />;
  else if (starting === 'transfer') body = <TransferStart onStart={setTask} onBack={() => setStarting(null)} />;
  else if (picking.active) body = <PickingTask onExit={picking.stop} />;
  else
    body = (
      <nav className="tasks" aria-label={t('terminal.tasks')}>
        <h1>{t('terminal.chooseTask')}</h1>
        <button type="button" className="big" onClick={() => setStarting('receive')}>
          {t('terminal.receive')}
        </button>
        <button type="button" className="big" onClick={() => setStarting('stocktake')}>
          {t('terminal.stocktake')}
        </button>
        <button type="button" className="big" onClick={() => setStarting('transfer')}>
          {t('terminal.transfer')}
        </button>
        <button type="button" className="big" onClick={() => navigate('/terminal/production')}>{t('menu.production')}</button>
        <button type="button" className="big" onClick={picking.start}>{t('picking.task')}</button>
      </nav>
    );

  return (
    <div className="handheld">
      <header>
        <span className="user-name">{user.name || user.username}</span>
        <LanguageSwitcher username={user.username} />
        <button type="button" onClick={() => void logout()}>
          {t('common.logout')}
        </button>
      </header>
      <StatusBar />
      {body}
    </div>
  );
}
