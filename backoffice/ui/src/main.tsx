// One SPA for two screens: /terminal* is the warehouse handheld, everything else the back office.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { I18nProvider } from './i18n/I18n';
import { SessionProvider } from './session/Session';
import { BackOffice } from './backoffice/BackOffice';
import { Terminal } from './terminal/Terminal';
import './styles.css';

const isTerminal = location.pathname === '/terminal' || location.pathname.startsWith('/terminal/');
if (isTerminal) {
  document.documentElement.classList.add('terminal');
  document.body.classList.add('terminal');
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>{isTerminal ? <Terminal /> : <BackOffice />}</SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
