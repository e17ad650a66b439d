import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArtifactPreview } from '../../api/types';
import { fakeBackend, renderAt } from '../../test/render';
import { ArtifactPreviewPane } from './components/ArtifactPreviewPane';

const base = { size: 10, text: '', truncated: false, url: '/artifact?source=s&run=r&path=x' };
function show(p: ArtifactPreview) {
  fakeBackend({ PreviewArtifact: () => p });
  renderAt(<ArtifactPreviewPane sourceId="s" owner="r" path={p.path} />, { path: '/', route: '/' });
}

describe('artifact previews', () => {
  it('shows text in a pre, inert, with the truncation notice', async () => {
    show({ ...base, path: 'log.txt', kind: 'text', text: '<script>alert(1)</script>', truncated: true });
    expect(await screen.findByTestId('preview-text')).toHaveTextContent('<script>alert(1)</script>');
    expect(document.querySelector('.preview script')).toBeNull();
    expect(screen.getByTestId('preview-truncated')).toHaveTextContent('download the full file');
  });

  it('shows images through the artifact URL', async () => {
    show({ ...base, path: 'plots/a.png', kind: 'image' });
    expect(await screen.findByTestId('preview-image')).toHaveAttribute('src', '/artifact?source=s&run=r&path=x');
  });

  it('renders CSV as a table', async () => {
    show({ ...base, path: 'p.csv', kind: 'csv', table: [['a', 'b'], ['1', '=2']] });
    const t = await screen.findByTestId('preview-table');
    expect(t.querySelectorAll('th')).toHaveLength(2);
    expect(t).toHaveTextContent('=2');
  });

  it('renders an MLmodel as a card with the signature', async () => {
    show({
      ...base, path: 'model/MLmodel', kind: 'mlmodel',
      mlmodel: { flavors: { sklearn: { sklearn_version: '1.5' } }, signature: { inputs: [{ name: 'age', type: 'long', required: true }], outputs: [{ type: 'double' }] }, mlflow_version: '3.5.0', input_example: '{"a":1}' },
    });
    const card = await screen.findByTestId('mlmodel-card');
    expect(card).toHaveTextContent('sklearn');
    expect(card).toHaveTextContent('age');
    expect(card).toHaveTextContent('long');
    expect(card).toHaveTextContent('{"a":1}');
  });

  it('offers a download for binaries', async () => {
    show({ ...base, path: 'model.pkl', kind: 'binary' });
    expect(await screen.findByText('No preview for this file type')).toBeInTheDocument();
  });
});
