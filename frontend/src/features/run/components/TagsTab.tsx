import { useMemo, useState } from 'react';
import type { Tag } from '../../../api/types';
import { KVTable } from './KVTable';

export function TagsTab({ tags }: { tags: Tag[] }) {
  const [system, setSystem] = useState(false);
  const shown = useMemo(() => tags.filter((t) => system || !t.key.startsWith('mlflow.')), [tags, system]);
  const hidden = tags.length - tags.filter((t) => !t.key.startsWith('mlflow.')).length;
  return (
    <KVTable
      items={shown}
      emptyTitle="No user tags"
      testId="tags-table"
      extra={
        <label className="check">
          <input type="checkbox" checked={system} onChange={(e) => setSystem(e.target.checked)} data-testid="system-tags-toggle" /> Show system tags ({hidden})
        </label>
      }
    />
  );
}
