import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { installTestHooks } from './app/test-hooks';
import { createLabStore } from './store/create-lab-store';
import { LabStoreProvider } from './store/lab-store-context';
import './styles/app.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const store = createLabStore(storage());
window.addEventListener('pagehide', () => store.flush());
installTestHooks(store);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LabStoreProvider store={store}>
        <App />
      </LabStoreProvider>
    </StrictMode>,
  );
}
