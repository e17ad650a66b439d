import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api/transport';
import { App } from './app/App';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/views.css';

document.title = 'Flowdeck';
captureToken();

async function boot() {
  // The mock backend exists only in dev builds (or VITE_MOCK=1), opted in with ?mock=1.
  if (import.meta.env.DEV || import.meta.env.VITE_MOCK === '1') {
    const flag = new URLSearchParams(window.location.search).get('mock');
    if (flag === '1') sessionStorage.setItem('flowdeck.mock', '1');
    if (flag === '0') sessionStorage.removeItem('flowdeck.mock');
    if (sessionStorage.getItem('flowdeck.mock') === '1') {
      const { installMock } = await import('./api/mock');
      installMock();
    }
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();
