import { useState } from 'react';
import { isApiError } from '../../../api/errors';
import { pickPath, useAddSource, useTestSource, useUpdateSource } from '../../../api/sources';
import { transport } from '../../../api/transport';
import type { SourceInput, SourceView } from '../../../api/types';
import { Dialog } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';
import { ErrorBox } from '../../../components/States';

const isHttp = (uri: string) => /^https?:\/\//i.test(uri.trim());

/** Add or edit a source; credentials are write-only (never shown back). */
export function SourceForm({ source, onClose }: { source?: SourceView; onClose(): void }) {
  const [v, setV] = useState<SourceInput>({
    name: source?.name ?? '', uri: source?.uri ?? '', username: '', password: '', token: '',
    insecureTLS: source?.insecureTLS ?? false, clearCredentials: false,
  });
  const [browseError, setBrowseError] = useState('');
  const [canBrowse, setCanBrowse] = useState(() => transport().face === 'desktop');
  const test = useTestSource();
  const add = useAddSource();
  const update = useUpdateSource();
  const save = source ? update : add;
  const set = <K extends keyof SourceInput>(k: K, val: SourceInput[K]) => {
    setV((x) => ({ ...x, [k]: val }));
    test.reset();
  };
  const http = isHttp(v.uri);

  const browse = async (kind: 'folder' | 'file') => {
    try {
      const p = await pickPath(kind);
      if (p) set('uri', kind === 'file' ? `sqlite:///${p.replace(/^\/+/, '/')}` : p);
    } catch (e) {
      if (isApiError(e, 'NOT_IMPLEMENTED')) setCanBrowse(false);
      else setBrowseError(e instanceof Error ? e.message : String(e));
    }
  };

  const submit = () => {
    const onSuccess = () => onClose();
    if (source) update.mutate([source.id, v], { onSuccess });
    else add.mutate([v], { onSuccess });
  };

  return (
    <Dialog
      title={source ? `Edit ${source.name}` : 'Add source'}
      onClose={onClose}
      width={600}
      footer={
        <>
          <button type="button" className="btn" onClick={() => test.mutate(v)} disabled={!v.uri.trim() || test.isPending} data-testid="test-source">
            {test.isPending ? <span className="spinner" /> : <Icon name="play" size={12} />} Test connection
          </button>
          <div className="grow" />
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn primary" onClick={submit} disabled={!v.uri.trim() || save.isPending} data-testid="save-source">
            {source ? 'Save' : 'Add source'}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="src-uri">Location</label>
        <div className="row">
          <input id="src-uri" className="input mono grow" value={v.uri} onChange={(e) => set('uri', e.target.value)} placeholder="/path/to/mlruns · sqlite:///mlflow.db · https://mlflow.example.com" data-testid="source-uri" />
          {canBrowse && (
            <>
              <button type="button" className="btn" onClick={() => void browse('folder')}>Browse folder…</button>
              <button type="button" className="btn" onClick={() => void browse('file')}>mlflow.db…</button>
            </>
          )}
        </div>
        <span className="hint">An mlruns folder, a SQLite store (<code>sqlite:///…</code>) or a tracking server URL.</span>
        {browseError && <span className="xs err-text">{browseError}</span>}
      </div>
      <div className="field">
        <label htmlFor="src-name">Name</label>
        <input id="src-name" className="input" value={v.name} onChange={(e) => set('name', e.target.value)} placeholder="e.g. Team server" data-testid="source-name" />
      </div>
      {http && (
        <fieldset className="creds">
          <legend>Credentials {source?.hasCredentials && <span className="pill ok plain">saved</span>}</legend>
          <div className="row">
            <div className="field grow">
              <label htmlFor="src-user">Username</label>
              <input id="src-user" className="input" autoComplete="off" value={v.username} onChange={(e) => set('username', e.target.value)} />
            </div>
            <div className="field grow">
              <label htmlFor="src-pass">Password</label>
              <input id="src-pass" className="input" type="password" autoComplete="new-password" value={v.password} onChange={(e) => set('password', e.target.value)} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="src-token">Bearer token</label>
            <input id="src-token" className="input mono" type="password" autoComplete="off" value={v.token} onChange={(e) => set('token', e.target.value)} />
            <span className="hint">{source?.hasCredentials ? 'Leave empty to keep the saved credentials.' : 'Stored in your config file (mode 0600), never shown again.'}</span>
          </div>
          <div className="row">
            <label className="check"><input type="checkbox" checked={v.insecureTLS} onChange={(e) => set('insecureTLS', e.target.checked)} /> Skip TLS verification (insecure)</label>
            {source?.hasCredentials && (
              <label className="check"><input type="checkbox" checked={v.clearCredentials} onChange={(e) => set('clearCredentials', e.target.checked)} /> Forget saved credentials</label>
            )}
          </div>
        </fieldset>
      )}
      {test.data && (
        test.data.ok ? (
          <div className="alert ok" data-testid="test-result">
            <Icon name="check" />
            <span>Connected — {test.data.kind}{test.data.serverVersion ? `, MLflow ${test.data.serverVersion}` : ''}, {test.data.experiments} experiments found.</span>
          </div>
        ) : (
          <div className="alert" data-testid="test-result"><Icon name="alert" /><span className="mono">{test.data.error}</span></div>
        )
      )}
      {test.isError && <ErrorBox error={test.error} title="Test failed" />}
      {save.isError && <ErrorBox error={save.error} title="Cannot save" />}
    </Dialog>
  );
}
